package org.dirchain.node.verify;

import static org.dirchain.chain.DirectoryFixture.ADMIN;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.NODE_A;
import static org.dirchain.chain.DirectoryFixture.NODE_B;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node's own checks against a real chain: each refusal names its reason. */
class GrantVerifierTest {
    static DirectoryFixture f;
    static GrantVerifier nodeA;
    static final byte[] SPEC = "{\"measures\":[\"COUNT\"]}".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() {
        f = DirectoryFixture.startWithConsortium();
        nodeA = verifierFor(NODE_A, f.nodeAOrg);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static GrantVerifier verifierFor(int account, long org) {
        DirectoryChain chain = f.as(account);
        return new GrantVerifier(chain, org, () -> f.chain.blockTime(f.chain.blockNumber()));
    }

    static long[] job(byte[] spec, Set<Operation> ops) {
        long[] ag = f.assetWithApprovedGrant(5, 0);
        long job = f.as(REQUESTER).jobs().submit(new JobSubmission(ops, Hash32.keccak(spec), List.of(ag[1]), 0, 1,
                Duration.ofHours(1), BigInteger.ZERO));
        return new long[] {ag[0], ag[1], job};
    }

    @Test
    void authorisesAValidJob() {
        long[] j = job(SPEC, Set.of(Operation.COUNT));
        JobAuthorisation auth = nodeA.verify(j[2], j[0], SPEC, Set.of(Operation.COUNT));
        assertEquals(j[0], auth.asset().id());
        assertEquals(j[1], auth.grant().id());
        assertEquals(0, auth.assetIndex());
    }

    @Test
    void refusesAnUnknownJob() {
        Refusal r = assertThrows(Refusal.class, () -> nodeA.verify(9999, 1, SPEC, Set.of(Operation.COUNT)));
        assertEquals(Refusal.Kind.NOT_FOUND, r.kind());
        assertTrue(r.getMessage().contains("not on the ledger"));
    }

    @Test
    void refusesASpecThatIsNotTheOneOnChain() {
        long[] j = job(SPEC, Set.of(Operation.COUNT));
        byte[] other = "{\"measures\":[\"SUM\"]}".getBytes(StandardCharsets.UTF_8);
        Refusal r = assertThrows(Refusal.class, () -> nodeA.verify(j[2], j[0], other, Set.of(Operation.COUNT)));
        assertEquals(Refusal.Kind.FAILED_PRECONDITION, r.kind());
        assertTrue(r.getMessage().contains("does not match the hash recorded on chain"), r.getMessage());
    }

    @Test
    void refusesOperationsTheJobWasNotRecordedFor() {
        long[] j = job(SPEC, Set.of(Operation.COUNT));
        Refusal r = assertThrows(Refusal.class, () -> nodeA.verify(j[2], j[0], SPEC, Set.of(Operation.MEAN)));
        assertEquals(Refusal.Kind.PERMISSION_DENIED, r.kind());
    }

    @Test
    void refusesAnotherNodesAsset() {
        long[] j = job(SPEC, Set.of(Operation.COUNT));
        Refusal r = assertThrows(Refusal.class,
                () -> verifierFor(NODE_B, f.nodeBOrg).verify(j[2], j[0], SPEC, Set.of(Operation.COUNT)));
        assertEquals(Refusal.Kind.PERMISSION_DENIED, r.kind());
        assertTrue(r.getMessage().contains("not by this node"), r.getMessage());
    }

    @Test
    void refusesARevokedGrantEvenAfterTheJobWasAccepted() {
        long[] j = job(SPEC, Set.of(Operation.COUNT));
        f.as(ADMIN).grants().revoke(j[1], Hash32.keccak("consent withdrawn"));
        Refusal r = assertThrows(Refusal.class, () -> nodeA.verify(j[2], j[0], SPEC, Set.of(Operation.COUNT)));
        assertEquals(Refusal.Kind.PERMISSION_DENIED, r.kind());
        assertTrue(r.getMessage().contains("revoked"), r.getMessage());
    }

    @Test
    void refusesAJobThatIsNoLongerOpen() {
        long[] j = job(SPEC, Set.of(Operation.COUNT));
        f.as(REQUESTER).jobs().fail(j[2], Hash32.keccak("cancelled"));
        Refusal r = assertThrows(Refusal.class, () -> nodeA.verify(j[2], j[0], SPEC, Set.of(Operation.COUNT)));
        assertEquals(Refusal.Kind.FAILED_PRECONDITION, r.kind());
        assertTrue(r.getMessage().contains("FAILED"), r.getMessage());
    }

    @Test
    void refusesAnAssetThatIsNotInTheJob() {
        long[] j = job(SPEC, Set.of(Operation.COUNT));
        long other = f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(), 1));
        Refusal r = assertThrows(Refusal.class, () -> nodeA.verify(j[2], other, SPEC, Set.of(Operation.COUNT)));
        assertTrue(r.getMessage().contains("not part of job"), r.getMessage());
    }

    @Test
    void refusesOnceTheJobDeadlineHasPassed() {
        long[] j = job(SPEC, Set.of(Operation.COUNT));
        GrantVerifier later = new GrantVerifier(f.as(NODE_A), f.nodeAOrg, () -> Instant.now().plus(Duration.ofDays(400)));
        Refusal r = assertThrows(Refusal.class, () -> later.verify(j[2], j[0], SPEC, Set.of(Operation.COUNT)));
        assertEquals(Refusal.Kind.FAILED_PRECONDITION, r.kind(), "a job past its deadline is not open for computation");
    }
}
