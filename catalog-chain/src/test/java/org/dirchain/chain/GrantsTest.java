package org.dirchain.chain;

import static org.dirchain.chain.DirectoryFixture.ADMIN;
import static org.dirchain.chain.DirectoryFixture.ETHICS;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL_B;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.errors.Reverts;
import org.dirchain.chain.model.Grant;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.GrantStatus;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GrantsTest {
    static DirectoryFixture f;

    @BeforeAll
    static void start() {
        f = DirectoryFixture.startWithConsortium();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static JobSubmission job(long grantId, Set<Operation> ops, long epsilonMilli) {
        return new JobSubmission(ops, Hash32.keccak("spec " + System.nanoTime()), List.of(grantId), epsilonMilli, 1,
                Duration.ofHours(1), BigInteger.ZERO);
    }

    @Test
    void kOfNApprovalMakesTheGrantUsableOnlyAtTheThreshold() {
        long asset = f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(f.hospitalOrg, f.ethicsOrg), 2));
        long grant = f.as(REQUESTER).grants().request(f.grantRequest(asset, 5, 2000));
        assertEquals(GrantStatus.REQUESTED, f.as(REQUESTER).grants().grant(grant).status());

        assertFalse(f.as(HOSPITAL).grants().approve(grant), "one of two approvals is not enough");
        Grant half = f.as(REQUESTER).grants().grant(grant);
        assertEquals(GrantStatus.REQUESTED, half.status());
        assertEquals(1, half.approvals());
        assertNull(half.expiresAt());
        assertThrows(Reverts.GrantNotApproved.class,
                () -> f.as(REQUESTER).jobs().submit(job(grant, Set.of(Operation.COUNT), 0)));
        assertThrows(Reverts.AlreadyApproved.class, () -> f.as(HOSPITAL).grants().approve(grant));
        assertThrows(Reverts.NotApprover.class, () -> f.as(HOSPITAL_B).grants().approve(grant));

        assertTrue(f.as(ETHICS).grants().approve(grant));
        Grant full = f.as(REQUESTER).grants().grant(grant);
        assertEquals(GrantStatus.APPROVED, full.status());
        assertEquals(2, full.approvals());
        assertNotNull(full.expiresAt());
        assertTrue(f.as(REQUESTER).jobs().submit(job(grant, Set.of(Operation.COUNT), 0)) > 0);
    }

    @Test
    void denialIsFinal() {
        long asset = f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(f.hospitalOrg, f.ethicsOrg), 1));
        long grant = f.as(REQUESTER).grants().request(f.grantRequest(asset, 5, 0));
        f.as(ETHICS).grants().deny(grant, Hash32.keccak("purpose not covered by consent"));
        assertEquals(GrantStatus.DENIED, f.as(REQUESTER).grants().grant(grant).status());
        assertThrows(Reverts.GrantNotPending.class, () -> f.as(HOSPITAL).grants().approve(grant));
    }

    @Test
    void revokedGrantCannotBeUsedAndOnlyOwnerOrRegulatorRevoke() {
        long[] ag = f.assetWithApprovedGrant(5, 0);
        assertThrows(Reverts.NotOwnerOrRegulator.class, () -> f.as(ETHICS).grants().revoke(ag[1], null));
        f.as(ADMIN).grants().revoke(ag[1], Hash32.keccak("audit finding"));
        assertEquals(GrantStatus.REVOKED, f.as(REQUESTER).grants().grant(ag[1]).status());
        assertThrows(Reverts.GrantIsRevoked.class,
                () -> f.as(REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.COUNT), 0)));

        long[] other = f.assetWithApprovedGrant(5, 0);
        f.as(HOSPITAL).grants().revoke(other[1], null);
        assertThrows(Reverts.GrantIsRevoked.class,
                () -> f.as(REQUESTER).jobs().submit(job(other[1], Set.of(Operation.COUNT), 0)));
    }

    @Test
    void expiredGrantIsRefused() {
        long asset = f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(), 1));
        long grant = f.as(REQUESTER).grants().request(new GrantRequest(asset, Set.of(Operation.COUNT),
                Hash32.keccak("short study"), Duration.ofHours(1), 5, 0));
        f.as(HOSPITAL).grants().approve(grant);
        f.dev.advanceTime(Duration.ofHours(2));
        assertThrows(Reverts.GrantExpired.class,
                () -> f.as(REQUESTER).jobs().submit(job(grant, Set.of(Operation.COUNT), 0)));
    }

    @Test
    void jobQuotaIsEnforced() {
        long[] ag = f.assetWithApprovedGrant(2, 0);
        f.as(REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.COUNT), 0));
        f.as(REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.MEAN), 0));
        var e = assertThrows(Reverts.JobQuotaExceeded.class,
                () -> f.as(REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.COUNT), 0)));
        assertEquals(BigInteger.TWO, e.arguments().get(1));
        assertEquals(2, f.as(REQUESTER).grants().grant(ag[1]).jobsUsed());
    }

    @Test
    void epsilonBudgetIsConsumedAndEnforcedAtomically() {
        long[] ag = f.assetWithApprovedGrant(10, 1000);
        f.as(REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.MEAN), 600));
        var e = assertThrows(Reverts.EpsilonBudgetExceeded.class,
                () -> f.as(REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.MEAN), 500)));
        assertEquals(BigInteger.valueOf(400), e.arguments().get(1));
        Grant g = f.as(REQUESTER).grants().grant(ag[1]);
        assertEquals(600, g.epsilonSpentMilli());
        assertEquals(1, g.jobsUsed(), "the refused job consumed nothing");
        f.as(REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.MEAN), 400));
        assertEquals(1000, f.as(REQUESTER).grants().grant(ag[1]).epsilonSpentMilli());
    }

    @Test
    void operationsAndGranteeAreChecked() {
        long[] ag = f.assetWithApprovedGrant(10, 0);
        assertThrows(Reverts.OperationNotAllowed.class,
                () -> f.as(REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.HISTOGRAM), 0)));
        assertThrows(Reverts.NotGrantee.class,
                () -> f.as(OTHER_REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.COUNT), 0)));
        long asset = ag[0];
        assertThrows(Reverts.InvalidOperations.class, () -> f.as(REQUESTER).grants().request(new GrantRequest(
                asset, Set.of(Operation.TRAIN_LOGISTIC), Hash32.keccak("p"), Duration.ofDays(1), 1, 0)));
        assertThrows(Reverts.UnknownGrant.class,
                () -> f.as(REQUESTER).jobs().submit(job(987_654, Set.of(Operation.COUNT), 0)));
    }

    @Test
    void retiredAssetServesNoMoreJobs() {
        long[] ag = f.assetWithApprovedGrant(10, 0);
        f.as(HOSPITAL).catalog().retire(ag[0]);
        assertThrows(Reverts.AssetIsRetired.class,
                () -> f.as(REQUESTER).jobs().submit(job(ag[1], Set.of(Operation.COUNT), 0)));
        assertThrows(Reverts.AssetIsRetired.class,
                () -> f.as(REQUESTER).grants().request(f.grantRequest(ag[0], 1, 0)));
    }

    @Test
    void malformedRequestsAreRefusedInJava() {
        GrantRegistry grants = f.as(REQUESTER).grants();
        assertEquals("operations", assertThrows(InvalidInputException.class, () -> grants.request(
                new GrantRequest(1, Set.of(), Hash32.keccak("p"), Duration.ofDays(1), 1, 0))).field());
        assertEquals("purposeHash", assertThrows(InvalidInputException.class, () -> grants.request(
                new GrantRequest(1, Set.of(Operation.COUNT), Hash32.ZERO, Duration.ofDays(1), 1, 0))).field());
        assertEquals("duration", assertThrows(InvalidInputException.class, () -> grants.request(
                new GrantRequest(1, Set.of(Operation.COUNT), Hash32.keccak("p"), Duration.ofDays(3650), 1, 0)))
                .field());
        assertEquals("maxJobs", assertThrows(InvalidInputException.class, () -> grants.request(
                new GrantRequest(1, Set.of(Operation.COUNT), Hash32.keccak("p"), Duration.ofDays(1), 0, 0))).field());
        assertEquals("assetId", assertThrows(InvalidInputException.class, () -> grants.request(
                new GrantRequest(0, Set.of(Operation.COUNT), Hash32.keccak("p"), Duration.ofDays(1), 1, 0))).field());
    }
}
