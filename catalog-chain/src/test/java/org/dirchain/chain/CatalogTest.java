package org.dirchain.chain;

import static org.dirchain.chain.DirectoryFixture.ETHICS;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.errors.Reverts;
import org.dirchain.chain.model.Asset;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.tx.MinedTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogTest {
    static DirectoryFixture f;

    @BeforeAll
    static void start() {
        f = DirectoryFixture.startWithConsortium();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void registerVersionAndRetireAnAsset() {
        AssetDraft d = f.draft(f.nodeAOrg, List.of(f.hospitalOrg, f.ethicsOrg), 2);
        AssetCatalog owner = f.as(HOSPITAL).catalog();
        long id = owner.register(d);
        Asset a = f.as(OUTSIDER).catalog().asset(id);
        assertEquals(f.hospitalOrg, a.ownerOrg());
        assertEquals(f.nodeAOrg, a.nodeOrg());
        assertEquals(1, a.version());
        assertEquals(Classification.CONFIDENTIAL, a.classification());
        assertEquals(d.allowedOps(), a.allowedOps());
        assertEquals(List.of(f.hospitalOrg, f.ethicsOrg), a.approvers());
        assertEquals(2, a.approvalsRequired());
        assertEquals(d.contentCommitment(), a.contentCommitment());
        assertFalse(a.retired());

        Hash32 next = Hash32.keccak("content, second extract");
        assertEquals(2, owner.publishVersion(id, next, d.schemaHash(), d.metadataHash(), d.metadataUri(), d.policy(), d.schema()));
        assertEquals(next, owner.asset(id).contentCommitment());
        owner.retire(id);
        assertTrue(owner.asset(id).retired());
        assertThrows(Reverts.AssetIsRetired.class,
                () -> owner.publishVersion(id, Hash32.keccak("x"), d.schemaHash(), d.metadataHash(), "", d.policy(), d.schema()));
    }

    @Test
    void ownerAloneApprovesWhenNoApproversAreNamed() {
        long id = f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(), 1));
        assertEquals(List.of(f.hospitalOrg), f.as(OUTSIDER).catalog().asset(id).approvers());
    }

    @Test
    void onlyTheOwnerUpdatesAndOnlyProvidersPublish() {
        AssetDraft d = f.draft(f.nodeAOrg, List.of(), 1);
        long id = f.as(HOSPITAL).catalog().register(d);
        var e = assertThrows(Reverts.NotAssetOwner.class, () -> f.as(ETHICS).catalog()
                .publishVersion(id, Hash32.keccak("y"), d.schemaHash(), d.metadataHash(), "", d.policy(), d.schema()));
        assertEquals(BigInteger.valueOf(id), e.arguments().get(0));
        assertThrows(Reverts.NotAssetOwner.class, () -> f.as(ETHICS).catalog().retire(id));
        assertThrows(Reverts.MissingRole.class, () -> f.as(REQUESTER).catalog().register(d));
        assertThrows(Reverts.NotMember.class, () -> f.as(OUTSIDER).catalog().register(d));
        assertThrows(Reverts.MissingRole.class, () -> f.as(HOSPITAL).catalog().register(
                f.draft(f.hospitalOrg, List.of(), 1)), "the serving node must hold the NODE role");
    }

    @Test
    void unknownAssetIsADecodedErrorAndCostsNoTransaction() {
        long before = f.chain.blockNumber();
        var e = assertThrows(Reverts.UnknownAsset.class, () -> f.as(HOSPITAL).catalog().retire(999_999));
        assertEquals(BigInteger.valueOf(999_999), e.arguments().get(0));
        assertThrows(Reverts.UnknownAsset.class, () -> f.as(OUTSIDER).catalog().asset(424_242));
        assertEquals(before, f.chain.blockNumber());
    }

    @Test
    void badInputIsRefusedInJavaWithTheFieldNamed() {
        long before = f.chain.blockNumber();
        AssetDraft ok = f.draft(f.nodeAOrg, List.of(), 1);
        assertField("title", with(ok, "", ok.metadataUri(), ok.contentCommitment(), ok.tags()));
        assertField("title", with(ok, "t".repeat(201), ok.metadataUri(), ok.contentCommitment(), ok.tags()));
        assertField("metadataUri", with(ok, ok.title(), "u".repeat(257), ok.contentCommitment(), ok.tags()));
        assertField("contentCommitment", with(ok, ok.title(), ok.metadataUri(), Hash32.ZERO, ok.tags()));
        List<String> nineTags = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nineTags.add("tag" + i);
        }
        assertField("tags", with(ok, ok.title(), ok.metadataUri(), ok.contentCommitment(), nineTags));
        assertField("tags", with(ok, ok.title(), ok.metadataUri(), ok.contentCommitment(), List.of("x".repeat(33))));
        assertField("approvalsRequired", new AssetDraft(ok.title(), ok.metadataUri(), ok.metadataHash(),
                ok.schemaHash(), ok.contentCommitment(), ok.classification(), ok.allowedOps(), f.nodeAOrg,
                ok.tags(), List.of(f.hospitalOrg), 2, ok.policy(), ok.schema()));
        assertField("allowedOps", new AssetDraft(ok.title(), ok.metadataUri(), ok.metadataHash(),
                ok.schemaHash(), ok.contentCommitment(), ok.classification(), Set.of(), f.nodeAOrg,
                ok.tags(), List.of(), 1, ok.policy(), ok.schema()));
        var malformed = assertThrows(IllegalArgumentException.class, () -> new Hash32("0x1234"));
        assertTrue(malformed.getMessage().contains("malformed 32-byte hash"));
        assertEquals(before, f.chain.blockNumber(), "no transaction may have been mined");
    }

    @Test
    void registeringAnAssetWithItsReleasePolicyStaysUnder230kGas() {
        List<MinedTransaction> mined = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Consumer<MinedTransaction> listener = mined::add;
        f.chain.addListener(listener);
        try {
            f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(f.hospitalOrg, f.ethicsOrg), 2));
        } finally {
            f.chain.removeListener(listener);
        }
        MinedTransaction tx = mined.stream().filter(m -> m.function().equals("DataCatalog.registerAsset"))
                .findFirst().orElseThrow();
        // two approvers and the release policy (one more storage slot than before policies): 222k
        assertTrue(tx.gasUsed().longValueExact() <= 230_000, "registerAsset used " + tx.gasUsed() + " gas");
    }

    private static AssetDraft with(AssetDraft d, String title, String uri, Hash32 commitment, List<String> tags) {
        return new AssetDraft(title, uri, d.metadataHash(), d.schemaHash(), commitment, d.classification(),
                Set.of(Operation.COUNT), d.nodeOrg(), tags, d.approvers(), d.approvalsRequired(), d.policy(), d.schema());
    }

    private static void assertField(String field, AssetDraft draft) {
        var e = assertThrows(InvalidInputException.class, () -> f.as(HOSPITAL).catalog().register(draft));
        assertEquals(field, e.field(), e.getMessage());
    }
}
