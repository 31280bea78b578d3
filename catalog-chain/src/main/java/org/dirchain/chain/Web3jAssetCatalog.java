package org.dirchain.chain;

import static org.dirchain.chain.Calls.big;
import static org.dirchain.chain.Calls.run;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.model.Asset;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.Flag;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.contracts.generated.DataCatalog;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple12;

final class Web3jAssetCatalog implements AssetCatalog {
    private final DataCatalog contract;

    Web3jAssetCatalog(DataCatalog contract) {
        this.contract = contract;
    }

    @Override
    public long register(AssetDraft d) {
        validate(d);
        List<byte[]> tags = d.tags().stream().map(Inputs::tag).toList();
        TransactionReceipt r = run(contract.registerAsset(d.title(), nullToEmpty(d.metadataUri()),
                d.metadataHash().bytes(), d.schemaHash().bytes(), d.contentCommitment().bytes(),
                big(d.classification().ordinal()), big(Flag.mask(d.allowedOps())),
                big(d.nodeOrg()), tags, Calls.bigs(d.approvers()), big(d.approvalsRequired()), onChain(d.policy()),
                d.schema()), "registerAsset");
        return DataCatalog.getAssetRegisteredEvents(r).get(0).assetId.longValueExact();
    }

    static void validate(AssetDraft d) {
        if (d == null) {
            throw new InvalidInputException("asset", "is missing");
        }
        Inputs.text("title", d.title(), Inputs.MAX_TITLE_BYTES, true);
        Inputs.text("metadataUri", d.metadataUri(), Inputs.MAX_URI_BYTES, false);
        Inputs.hash("metadataHash", d.metadataHash());
        Inputs.hash("schemaHash", d.schemaHash());
        Inputs.hash("contentCommitment", d.contentCommitment());
        if (d.classification() == null) {
            throw new InvalidInputException("classification", "is missing");
        }
        Inputs.nonEmpty("allowedOps", d.allowedOps());
        policyAndSchema(d.policy(), d.schema());
        Inputs.id("nodeOrg", d.nodeOrg());
        if (d.tags().size() > Inputs.MAX_TAGS) {
            throw new InvalidInputException("tags", "has " + d.tags().size() + " tags, at most " + Inputs.MAX_TAGS);
        }
        d.tags().forEach(Inputs::tag);
        Inputs.distinct("approvers", d.approvers(), Inputs.MAX_APPROVERS);
        Inputs.range("approvalsRequired", d.approvalsRequired(), 1, Math.max(1, d.approvers().size()));
    }

    private static void policyAndSchema(ReleasePolicy policy, String schema) {
        if (policy == null) {
            throw new InvalidInputException("policy", "is missing");
        }
        Inputs.text("schema", schema, Inputs.MAX_SCHEMA_BYTES, true);
    }

    static DataCatalog.ReleasePolicy onChain(ReleasePolicy p) {
        return new DataCatalog.ReleasePolicy(p.dpRequired(), big(p.minEpsilonMilli()), big(p.maxEpsilonMilli()),
                big(p.requesterEpsilonBudgetMilli()), big(p.minCellSize()), big(p.maxCells()), big(p.flags()),
                ReleasePolicy.mask(p.identifierColumns()), ReleasePolicy.mask(p.quasiIdentifierColumns()));
    }

    static ReleasePolicy fromChain(DataCatalog.ReleasePolicy p) {
        return ReleasePolicy.fromChain(p.dpRequired, p.minEpsilonMilli.longValueExact(),
                p.maxEpsilonMilli.longValueExact(), p.requesterEpsilonBudgetMilli.longValueExact(),
                p.minCellSize.intValueExact(), p.maxCells.intValueExact(), p.flags.intValueExact(),
                p.identifierColumns, p.quasiIdentifierColumns);
    }

    @Override
    public int publishVersion(long assetId, Hash32 commitment, Hash32 schemaHash, Hash32 metadataHash, String uri,
            ReleasePolicy policy, String schema) {
        Inputs.id("assetId", assetId);
        policyAndSchema(policy, schema);
        Inputs.hash("contentCommitment", commitment);
        Inputs.hash("schemaHash", schemaHash);
        Inputs.hash("metadataHash", metadataHash);
        Inputs.text("metadataUri", uri, Inputs.MAX_URI_BYTES, false);
        TransactionReceipt r = run(contract.publishVersion(big(assetId), commitment.bytes(), schemaHash.bytes(),
                metadataHash.bytes(), nullToEmpty(uri), onChain(policy), schema), "publishVersion");
        return DataCatalog.getAssetVersionPublishedEvents(r).get(0).version.intValueExact();
    }

    @Override
    public void retire(long assetId) {
        Inputs.id("assetId", assetId);
        run(contract.retire(big(assetId)), "retire");
    }

    @Override
    public Asset asset(long assetId) {
        Inputs.id("assetId", assetId);
        Tuple12<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger,
                        Boolean, byte[], byte[], byte[]>
                t = run(contract.getAsset(big(assetId)), "getAsset");
        List<Long> approvers = Calls.longs(run(contract.approversOf(big(assetId)), "approversOf"));
        ReleasePolicy policy = fromChain(run(contract.releasePolicy(big(assetId)), "releasePolicy"));
        return new Asset(assetId, t.component1().longValueExact(), t.component2().longValueExact(),
                t.component3().intValueExact(),
                Instant.ofEpochSecond(t.component5().longValueExact()),
                Classification.ofLevel(t.component6().intValue()),
                Flag.fromMask(Operation.class, t.component7().intValue()), t.component8().intValue(), approvers,
                t.component9(), Hash32.of(t.component10()), Hash32.of(t.component11()), Hash32.of(t.component12()), policy);
    }

    @Override
    public long nodeOrgOf(long assetId) {
        Inputs.id("assetId", assetId);
        return run(contract.getAsset(big(assetId)), "getAsset").component2().longValueExact();
    }

    @Override
    public long count() {
        return run(contract.assetCount(), "assetCount").longValueExact();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
