package org.dirchain.chain;

import java.math.BigInteger;
import java.util.List;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Job;
import org.dirchain.chain.model.JobSubmission;

/** The job ledger: submission with escrow, attestations, settlement, refunds and payouts. */
public interface JobRegistry {
    long submit(JobSubmission submission);

    /** Records a node's signed attestation (any account may relay it). */
    void attest(Attestation attestation);

    /** Operator only: settles with the result hash and the contributions the nodes attested. */
    void settle(long jobId, Hash32 resultHash, List<Long> contributions);

    /** The requester cancels, or the operator fails the job: the fee is refunded. */
    void fail(long jobId, Hash32 reasonHash);

    /** Anyone, after the deadline: the fee is refunded. */
    void expire(long jobId);

    /** Pays out the signer's credited balance; returns the amount in wei. */
    BigInteger withdraw();

    BigInteger credit(String account);

    /** Sum of all credited, not yet withdrawn balances. */
    BigInteger totalCredit();

    /** The digest a node signs for an attestation (EIP-191 prefix added by the signer). */
    Hash32 attestationDigest(long jobId, long assetId, Hash32 commitment, long weight);

    Job job(long jobId);

    long count();
}
