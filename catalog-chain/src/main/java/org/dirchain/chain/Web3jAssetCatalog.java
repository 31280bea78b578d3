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
                big(d.classification().ordinal()), big(Flag.mask(d.allowedOps())), big(d.minCohort()),
                big(d.nodeOrg()), tags, Calls.bigs(d.approvers()), big(d.approvalsRequired())), "registerAsset");
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
        Inputs.range("minCohort", d.minCohort(), 0, Integer.MAX_VALUE);
        Inputs.id("nodeOrg", d.nodeOrg());
        if (d.tags().size() > Inputs.MAX_TAGS) {
            throw new InvalidInputException("tags", "has " + d.tags().size() + " tags, at most " + Inputs.MAX_TAGS);
        }
        d.tags().forEach(Inputs::tag);
        Inputs.distinct("approvers", d.approvers(), Inputs.MAX_APPROVERS);
        Inputs.range("approvalsRequired", d.approvalsRequired(), 1, Math.max(1, d.approvers().size()));
    }

    @Override
    public int publishVersion(long assetId, Hash32 commitment, Hash32 schemaHash, Hash32 metadataHash, String uri) {
        Inputs.id("assetId", assetId);
        Inputs.hash("contentCommitment", commitment);
        Inputs.hash("schemaHash", schemaHash);
        Inputs.hash("metadataHash", metadataHash);
        Inputs.text("metadataUri", uri, Inputs.MAX_URI_BYTES, false);
        TransactionReceipt r = run(contract.publishVersion(big(assetId), commitment.bytes(), schemaHash.bytes(),
                metadataHash.bytes(), nullToEmpty(uri)), "publishVersion");
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
        return new Asset(assetId, t.component1().longValueExact(), t.component2().longValueExact(),
                t.component3().intValueExact(), t.component4().intValueExact(),
                Instant.ofEpochSecond(t.component5().longValueExact()),
                Classification.ofLevel(t.component6().intValue()),
                Flag.fromMask(Operation.class, t.component7().intValue()), t.component8().intValue(), approvers,
                t.component9(), Hash32.of(t.component10()), Hash32.of(t.component11()), Hash32.of(t.component12()));
    }

    @Override
    public long count() {
        return run(contract.assetCount(), "assetCount").longValueExact();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
