package org.dirchain.chain;

import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.errors.Reverts;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.DirectoryIndexer;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.model.ReleasePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The owner's release policy on chain, and the epsilon rules the ledger enforces with it. */
class ReleasePolicyTest {
    /** DP required, epsilon 0.1..1 per job, 1.5 in all per requester organisation; region is a quasi-identifier. */
    static final ReleasePolicy STRICT = new ReleasePolicy(true, 100, 1_000, 1_500, 11, 50, false, true,
            Set.of(), Set.of(1));
    static DirectoryFixture f;

    @BeforeAll
    static void start() {
        f = DirectoryFixture.startWithConsortium();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static long strictAsset() {
        AssetDraft d = f.draft(f.nodeAOrg, List.of(), 1);
        return f.as(HOSPITAL).catalog().register(new AssetDraft(d.title(), d.metadataUri(), d.metadataHash(),
                d.schemaHash(), d.contentCommitment(), d.classification(), d.allowedOps(), d.nodeOrg(), d.tags(),
                d.approvers(), d.approvalsRequired(), STRICT, d.schema()));
    }

    static long approvedGrant(int account, long asset, long budgetMilli) {
        long grant = f.as(account).grants().request(new org.dirchain.chain.model.GrantRequest(asset,
                Set.of(Operation.COUNT), Hash32.keccak("protocol"), Duration.ofDays(30), 10, budgetMilli));
        f.as(HOSPITAL).grants().approve(grant);
        return grant;
    }

    static JobSubmission job(List<Long> grants, long epsilonMilli) {
        return new JobSubmission(Set.of(Operation.COUNT), Hash32.keccak("spec " + System.nanoTime()), grants,
                epsilonMilli, 1, Duration.ofHours(1), BigInteger.ZERO);
    }

    @Test
    void thePolicyIsReadBackAndIndexedWithTheSchemaText() {
        long asset = strictAsset();
        assertEquals(STRICT, f.as(REQUESTER).catalog().asset(asset).policy());
        DirectoryIndexer indexer = new DirectoryIndexer(f.chain, f.deployment, 0, 1000);
        indexer.catchUp();
        DirectoryIndex index = indexer.index();
        assertEquals(STRICT, index.asset(asset).orElseThrow().policy());
        assertEquals(DirectoryFixture.SCHEMA, index.asset(asset).orElseThrow().schema());
    }

    @Test
    void aNewVersionIsTheOnlyWayToChangeThePolicy() {
        long asset = strictAsset();
        AssetDraft d = f.draft(f.nodeAOrg, List.of(), 1);
        ReleasePolicy looser = ReleasePolicy.open(5);
        assertEquals(2, f.as(HOSPITAL).catalog().publishVersion(asset, Hash32.keccak("v2"), d.schemaHash(),
                d.metadataHash(), "", looser, d.schema()));
        assertEquals(looser, f.as(REQUESTER).catalog().asset(asset).policy());
        assertEquals(5, f.as(REQUESTER).catalog().asset(asset).policy().minCellSize());
    }

    @Test
    void aJobWithoutNoiseOnADpRequiredAssetIsRefusedAndSpendsNothing() {
        long asset = strictAsset();
        long grant = approvedGrant(REQUESTER, asset, 5_000);
        var e = assertThrows(Reverts.DifferentialPrivacyRequired.class,
                () -> f.as(REQUESTER).jobs().submit(job(List.of(grant), 0)));
        assertEquals(BigInteger.valueOf(asset), e.arguments().get(0));
        assertEquals(0, f.as(REQUESTER).grants().grant(grant).jobsUsed());
    }

    @Test
    void epsilonOutsideThePerJobRangeIsRefused() {
        long asset = strictAsset();
        long grant = approvedGrant(REQUESTER, asset, 5_000);
        assertThrows(Reverts.EpsilonOutOfRange.class, () -> f.as(REQUESTER).jobs().submit(job(List.of(grant), 50)));
        assertThrows(Reverts.EpsilonOutOfRange.class, () -> f.as(REQUESTER).jobs().submit(job(List.of(grant), 1_001)));
        assertTrue(f.as(REQUESTER).jobs().submit(job(List.of(grant), 1_000)) > 0);
    }

    @Test
    void twoGrantsOfOneOrganisationShareItsBudgetOnTheAsset() {
        long asset = strictAsset();
        long first = approvedGrant(REQUESTER, asset, 1_000);
        long second = approvedGrant(REQUESTER, asset, 1_000);
        f.as(REQUESTER).jobs().submit(job(List.of(first), 1_000));
        // each grant alone has room (1.0 of 1.0 left on the second), but the organisation has 0.5 left
        var e = assertThrows(Reverts.RequesterEpsilonBudgetExceeded.class,
                () -> f.as(REQUESTER).jobs().submit(job(List.of(second), 600)));
        assertEquals(BigInteger.valueOf(500), e.arguments().get(2));
        assertEquals(0, f.as(REQUESTER).grants().grant(second).epsilonSpentMilli());
        f.as(REQUESTER).jobs().submit(job(List.of(second), 500));
        assertThrows(Reverts.RequesterEpsilonBudgetExceeded.class,
                () -> f.as(REQUESTER).jobs().submit(job(List.of(second), 100)));
        // another organisation has its own budget
        long theirs = approvedGrant(OTHER_REQUESTER, asset, 1_000);
        assertTrue(f.as(OTHER_REQUESTER).jobs().submit(job(List.of(theirs), 1_000)) > 0);
    }

    @Test
    void theContractsBoundWhatTheIndexerReadsEvenWhenCalledDirectly() {
        var gas = new org.web3j.tx.gas.StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);
        var catalog = org.dirchain.contracts.generated.DataCatalog.load(f.deployment.dataCatalog(), f.chain.web3j(),
                f.chain.transactionManager(f.key(HOSPITAL)), gas);
        AssetDraft d = f.draft(f.nodeAOrg, List.of(), 1);
        var huge = new org.dirchain.contracts.generated.DataCatalog.ReleasePolicy(false, BigInteger.ZERO,
                BigInteger.TEN, BigInteger.TEN, BigInteger.valueOf(1L << 31), BigInteger.TEN, BigInteger.ZERO,
                BigInteger.ZERO, BigInteger.ZERO);
        var e = assertThrows(Reverts.InvalidReleasePolicy.class, () -> catalog.registerAsset(d.title(), "",
                d.metadataHash().bytes(), d.schemaHash().bytes(), d.contentCommitment().bytes(), BigInteger.ONE,
                BigInteger.ONE, BigInteger.valueOf(f.nodeAOrg), List.of(), List.of(), BigInteger.ONE, huge,
                d.schema()).send());
        assertEquals("minCellSize", e.arguments().get(0));
        var grants = org.dirchain.contracts.generated.AccessGrants.load(f.deployment.accessGrants(), f.chain.web3j(),
                f.chain.transactionManager(f.key(REQUESTER)), gas);
        long asset = strictAsset();
        assertThrows(Reverts.InvalidMaxJobs.class, () -> grants.request(BigInteger.valueOf(asset), BigInteger.ONE,
                Hash32.keccak("p").bytes(), BigInteger.valueOf(3600), BigInteger.valueOf(1L << 31), BigInteger.ZERO)
                .send());
        assertThrows(Reverts.InvalidEpsilonBudget.class, () -> grants.request(BigInteger.valueOf(asset),
                BigInteger.ONE, Hash32.keccak("p").bytes(), BigInteger.valueOf(3600), BigInteger.ONE,
                BigInteger.ONE.shiftLeft(63)).send());
    }

    @Test
    void aMalformedPolicyIsRefusedBeforeAnyTransaction() {
        var e = assertThrows(InvalidInputException.class,
                () -> new ReleasePolicy(true, 0, 1_000, 1_000, 10, 50, false, false, Set.of(), Set.of()));
        assertEquals("minEpsilonMilli", e.field());
        assertEquals("requesterEpsilonBudgetMilli", assertThrows(InvalidInputException.class,
                () -> new ReleasePolicy(false, 0, 1_000, 999, 10, 50, false, false, Set.of(), Set.of())).field());
        assertEquals("quasiIdentifierColumns", assertThrows(InvalidInputException.class,
                () -> new ReleasePolicy(false, 0, 1_000, 1_000, 10, 50, false, false, Set.of(2), Set.of(2))).field());
        assertEquals("maxCells", assertThrows(InvalidInputException.class,
                () -> new ReleasePolicy(false, 0, 1_000, 1_000, 10, 0, false, false, Set.of(), Set.of())).field());
    }
}
