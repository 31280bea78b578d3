package org.dirchain.chain;

import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL_B;
import static org.dirchain.chain.DirectoryFixture.NODE_A;
import static org.dirchain.chain.DirectoryFixture.NODE_B;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.errors.Reverts;
import org.dirchain.chain.model.Asset;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Job;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JobLedgerTest {
    static DirectoryFixture f;

    @BeforeAll
    static void start() {
        f = DirectoryFixture.startWithConsortium();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** Two assets of two providers, served by two nodes, each with an approved grant. */
    record TwoAssetJob(long jobId, long assetA, long assetB, BigInteger fee) {}

    static TwoAssetJob submitTwoAssetJob(BigInteger fee, int quorum) {
        long assetA = f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(), 1));
        long assetB = f.as(HOSPITAL_B).catalog().register(f.draft(f.nodeBOrg, List.of(), 1));
        long grantA = f.as(REQUESTER).grants().request(f.grantRequest(assetA, 3, 0));
        long grantB = f.as(REQUESTER).grants().request(f.grantRequest(assetB, 3, 0));
        f.as(HOSPITAL).grants().approve(grantA);
        f.as(HOSPITAL_B).grants().approve(grantB);
        long job = f.as(REQUESTER).jobs().submit(new JobSubmission(Set.of(Operation.COUNT, Operation.MEAN),
                Hash32.keccak("mean hba1c where age in [40,60]"), List.of(grantA, grantB), 0, quorum,
                Duration.ofHours(1), fee));
        return new TwoAssetJob(job, assetA, assetB, fee);
    }

    static Attestation attest(int nodeAccount, long jobId, int index, long assetId, long weight) {
        Asset asset = f.as(OUTSIDER).catalog().asset(assetId);
        Attestation a = new AttestationSigner(f.key(nodeAccount), f.deployment)
                .sign(jobId, index, assetId, asset.contentCommitment(), weight);
        f.as(OPERATOR).jobs().attest(a);
        return a;
    }

    @Test
    void feeIsSplitByContributionExactlyToTheWei() {
        BigInteger fee = new BigInteger("1000000000000000001"); // 1 ETH + 1 wei: not divisible by the weights
        BigInteger creditBefore = f.as(OUTSIDER).jobs().totalCredit();
        TwoAssetJob j = submitTwoAssetJob(fee, 2);
        assertEquals(fee, f.as(OUTSIDER).jobs().job(j.jobId()).fee());
        attest(NODE_A, j.jobId(), 0, j.assetA(), 700);
        attest(NODE_B, j.jobId(), 1, j.assetB(), 300);

        BigInteger a0 = f.as(OUTSIDER).jobs().credit(f.address(HOSPITAL));
        BigInteger b0 = f.as(OUTSIDER).jobs().credit(f.address(HOSPITAL_B));
        f.as(OPERATOR).jobs().settle(j.jobId(), Hash32.keccak("result"), List.of(700L, 300L));
        BigInteger a = f.as(OUTSIDER).jobs().credit(f.address(HOSPITAL)).subtract(a0);
        BigInteger b = f.as(OUTSIDER).jobs().credit(f.address(HOSPITAL_B)).subtract(b0);

        assertEquals(fee.multiply(BigInteger.valueOf(700)).divide(BigInteger.valueOf(1000)), a);
        assertEquals(fee, a.add(b), "no wei lost or created");
        assertEquals(creditBefore.add(fee), f.as(OUTSIDER).jobs().totalCredit());
        Job settled = f.as(OUTSIDER).jobs().job(j.jobId());
        assertEquals(JobStatus.SETTLED, settled.status());
        assertEquals(Hash32.keccak("result"), settled.resultHash());
        assertEquals(List.of(700L, 300L), settled.assets().stream().map(x -> x.weight()).toList());

        var again = assertThrows(Reverts.JobNotOpen.class,
                () -> f.as(OPERATOR).jobs().settle(j.jobId(), Hash32.keccak("result"), List.of(700L, 300L)));
        assertEquals(BigInteger.TWO, again.arguments().get(1));
    }

    @Test
    void withdrawalPaysTheCreditedAmountExactly() {
        TwoAssetJob j = submitTwoAssetJob(BigInteger.valueOf(123_456_789), 1);
        attest(NODE_A, j.jobId(), 0, j.assetA(), 5);
        f.as(OPERATOR).jobs().settle(j.jobId(), Hash32.keccak("r"), List.of(5L, 0L));
        BigInteger credit = f.as(OUTSIDER).jobs().credit(f.address(HOSPITAL));
        BigInteger ledgerBefore = f.chain.balance(f.deployment.jobLedger());
        assertEquals(credit, f.as(HOSPITAL).jobs().withdraw());
        assertEquals(BigInteger.ZERO, f.as(OUTSIDER).jobs().credit(f.address(HOSPITAL)));
        assertEquals(ledgerBefore.subtract(credit), f.chain.balance(f.deployment.jobLedger()));
        assertThrows(Reverts.NothingToWithdraw.class, () -> f.as(HOSPITAL).jobs().withdraw());
    }

    @Test
    void contributionsMustMatchAttestations() {
        TwoAssetJob j = submitTwoAssetJob(BigInteger.TEN, 2);
        attest(NODE_A, j.jobId(), 0, j.assetA(), 40);
        attest(NODE_B, j.jobId(), 1, j.assetB(), 60);
        var e = assertThrows(Reverts.ContributionMismatch.class,
                () -> f.as(OPERATOR).jobs().settle(j.jobId(), Hash32.keccak("r"), List.of(50L, 50L)));
        assertEquals(List.of(BigInteger.ZERO, BigInteger.valueOf(40), BigInteger.valueOf(50)), e.arguments());
        assertThrows(Reverts.ContributionsLength.class,
                () -> f.as(OPERATOR).jobs().settle(j.jobId(), Hash32.keccak("r"), List.of(40L)));
        assertThrows(Reverts.MissingRole.class,
                () -> f.as(REQUESTER).jobs().settle(j.jobId(), Hash32.keccak("r"), List.of(40L, 60L)));
    }

    @Test
    void quorumMustBeMetToSettle() {
        TwoAssetJob j = submitTwoAssetJob(BigInteger.TEN, 2);
        attest(NODE_A, j.jobId(), 0, j.assetA(), 1);
        assertThrows(Reverts.QuorumNotMet.class,
                () -> f.as(OPERATOR).jobs().settle(j.jobId(), Hash32.keccak("r"), List.of(1L, 0L)));
    }

    @Test
    void attestationsAreVerified() {
        TwoAssetJob j = submitTwoAssetJob(BigInteger.TEN, 1);
        Asset a = f.as(OUTSIDER).catalog().asset(j.assetA());
        Attestation wrongNode = new AttestationSigner(f.key(NODE_B), f.deployment)
                .sign(j.jobId(), 0, j.assetA(), a.contentCommitment(), 10);
        assertThrows(Reverts.NotAssetNode.class, () -> f.as(OPERATOR).jobs().attest(wrongNode));
        Attestation stale = new AttestationSigner(f.key(NODE_A), f.deployment)
                .sign(j.jobId(), 0, j.assetA(), Hash32.keccak("old data"), 10);
        assertThrows(Reverts.StaleCommitment.class, () -> f.as(OPERATOR).jobs().attest(stale));
        Attestation good = new AttestationSigner(f.key(NODE_A), f.deployment)
                .sign(j.jobId(), 0, j.assetA(), a.contentCommitment(), 10);
        Attestation forgedWeight = new Attestation(good.jobId(), 0, good.assetId(), good.commitment(), 11,
                good.signature());
        assertThrows(Reverts.NotAssetNode.class, () -> f.as(OPERATOR).jobs().attest(forgedWeight),
                "a changed weight recovers another signer");
        assertEquals(f.address(NODE_A).toLowerCase(), AttestationSigner.signerOf(f.deployment, good).toLowerCase());
        assertEquals(AttestationSigner.digest(f.deployment, j.jobId(), j.assetA(), a.contentCommitment(), 10),
                f.as(OUTSIDER).jobs().attestationDigest(j.jobId(), j.assetA(), a.contentCommitment(), 10));
        f.as(OPERATOR).jobs().attest(good);
        assertThrows(Reverts.AlreadyAttested.class, () -> f.as(OPERATOR).jobs().attest(good));
    }

    @Test
    void failureAndTimeoutRefundThePayer() {
        BigInteger fee = BigInteger.valueOf(777);
        TwoAssetJob cancelled = submitTwoAssetJob(fee, 1);
        BigInteger before = f.as(OUTSIDER).jobs().credit(f.address(REQUESTER));
        f.as(REQUESTER).jobs().fail(cancelled.jobId(), Hash32.keccak("cancelled by requester"));
        assertEquals(before.add(fee), f.as(OUTSIDER).jobs().credit(f.address(REQUESTER)));
        assertEquals(JobStatus.FAILED, f.as(OUTSIDER).jobs().job(cancelled.jobId()).status());
        assertThrows(Reverts.NotRequesterOrOperator.class,
                () -> f.as(HOSPITAL).jobs().fail(submitTwoAssetJob(fee, 1).jobId(), null));

        TwoAssetJob late = submitTwoAssetJob(fee, 1);
        assertThrows(Reverts.DeadlineNotReached.class, () -> f.as(OUTSIDER).jobs().expire(late.jobId()));
        f.dev.advanceTime(Duration.ofHours(2));
        assertThrows(Reverts.DeadlinePassed.class,
                () -> attest(NODE_A, late.jobId(), 0, late.assetA(), 1));
        BigInteger beforeExpiry = f.as(OUTSIDER).jobs().credit(f.address(REQUESTER));
        f.as(OUTSIDER).jobs().expire(late.jobId());
        assertEquals(beforeExpiry.add(fee), f.as(OUTSIDER).jobs().credit(f.address(REQUESTER)));
        assertEquals(JobStatus.TIMED_OUT, f.as(OUTSIDER).jobs().job(late.jobId()).status());
        assertThrows(Reverts.JobNotOpen.class, () -> f.as(OUTSIDER).jobs().expire(late.jobId()));
    }

    @Test
    void ledgerBalanceAlwaysCoversCreditsAndEscrow() {
        submitTwoAssetJob(BigInteger.valueOf(5_000), 1);
        BigInteger escrow = BigInteger.ZERO;
        JobRegistry jobs = f.as(OUTSIDER).jobs();
        for (long id = 1; id <= jobs.count(); id++) {
            Job job = jobs.job(id);
            if (job.status() == JobStatus.SUBMITTED) {
                escrow = escrow.add(job.fee());
            }
        }
        assertEquals(f.chain.balance(f.deployment.jobLedger()), jobs.totalCredit().add(escrow));
    }
}
