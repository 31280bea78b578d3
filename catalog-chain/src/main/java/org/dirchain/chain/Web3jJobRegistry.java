package org.dirchain.chain;

import static org.dirchain.chain.Calls.big;
import static org.dirchain.chain.Calls.run;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Flag;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Job;
import org.dirchain.chain.model.JobAsset;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.dirchain.contracts.generated.JobLedger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple12;
import org.web3j.tuples.generated.Tuple3;

final class Web3jJobRegistry implements JobRegistry {
    static final long MIN_TIMEOUT_SECONDS = 60;
    static final long MAX_TIMEOUT_SECONDS = 30L * 24 * 3600;
    static final BigInteger MAX_FEE = BigInteger.TWO.pow(96).subtract(BigInteger.ONE);

    private final JobLedger contract;

    Web3jJobRegistry(JobLedger contract) {
        this.contract = contract;
    }

    @Override
    public long submit(JobSubmission s) {
        validate(s);
        TransactionReceipt r = run(contract.submitJob(big(Flag.mask(s.operations())), s.specHash().bytes(),
                Calls.bigs(s.grantIds()), big(s.epsilonMilli()), big(s.quorum()), big(s.timeout().getSeconds()),
                s.feeWei()), "submitJob");
        return JobLedger.getJobSubmittedEvents(r).get(0).jobId.longValueExact();
    }

    static void validate(JobSubmission s) {
        if (s == null) {
            throw new InvalidInputException("job", "is missing");
        }
        Inputs.nonEmpty("operations", s.operations());
        Inputs.hash("specHash", s.specHash());
        Inputs.nonEmpty("grantIds", s.grantIds());
        Inputs.distinct("grantIds", s.grantIds(), Inputs.MAX_JOB_ASSETS);
        Inputs.range("quorum", s.quorum(), 1, s.grantIds().size());
        Inputs.range("epsilonMilli", s.epsilonMilli(), 0, Inputs.UINT32_MAX);
        if (s.timeout() == null) {
            throw new InvalidInputException("timeout", "is missing");
        }
        Inputs.range("timeout", s.timeout().getSeconds(), MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS);
        if (s.feeWei() == null || s.feeWei().signum() < 0 || s.feeWei().compareTo(MAX_FEE) > 0) {
            throw new InvalidInputException("feeWei", "must be between 0 and 2^96-1 wei, got " + s.feeWei());
        }
    }

    @Override
    public void attest(Attestation a) {
        Inputs.id("jobId", a.jobId());
        Inputs.range("assetIndex", a.assetIndex(), 0, Inputs.MAX_JOB_ASSETS - 1);
        Inputs.hash("commitment", a.commitment());
        Inputs.range("weight", a.weight(), 1, Long.MAX_VALUE);
        if (a.signature().length != 65) {
            throw new InvalidInputException("signature", "must be 65 bytes, got " + a.signature().length);
        }
        run(contract.attest(big(a.jobId()), big(a.assetIndex()), a.commitment().bytes(), big(a.weight()),
                a.signature()), "attest");
    }

    @Override
    public void settle(long jobId, Hash32 resultHash, List<Long> contributions) {
        Inputs.id("jobId", jobId);
        Inputs.hash("resultHash", resultHash);
        if (contributions == null || contributions.isEmpty() || contributions.size() > Inputs.MAX_JOB_ASSETS
                || contributions.stream().anyMatch(c -> c == null || c < 0)) {
            throw new InvalidInputException("contributions", "must list 1 to 8 non-negative weights");
        }
        run(contract.settle(big(jobId), resultHash.bytes(), Calls.bigs(contributions)), "settle");
    }

    @Override
    public void fail(long jobId, Hash32 reasonHash) {
        Inputs.id("jobId", jobId);
        run(contract.fail(big(jobId), (reasonHash == null ? Hash32.ZERO : reasonHash).bytes()), "fail");
    }

    @Override
    public void expire(long jobId) {
        Inputs.id("jobId", jobId);
        run(contract.expire(big(jobId)), "expire");
    }

    @Override
    public BigInteger withdraw() {
        TransactionReceipt r = run(contract.withdraw(), "withdraw");
        return JobLedger.getWithdrawnEvents(r).get(0).amount;
    }

    @Override
    public BigInteger credit(String account) {
        Inputs.address("account", account);
        return run(contract.credit(account), "credit");
    }

    @Override
    public BigInteger totalCredit() {
        return run(contract.totalCredit(), "totalCredit");
    }

    @Override
    public Hash32 attestationDigest(long jobId, long assetId, Hash32 commitment, long weight) {
        return Hash32.of(run(contract.attestationDigest(big(jobId), big(assetId), commitment.bytes(), big(weight)),
                "attestationDigest"));
    }

    @Override
    public Job job(long jobId) {
        Inputs.id("jobId", jobId);
        Tuple12<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger,
                        String, BigInteger, byte[], byte[]>
                t = run(contract.getJob(big(jobId)), "getJob");
        Tuple3<List<BigInteger>, List<BigInteger>, List<BigInteger>> a =
                run(contract.getJobAssets(big(jobId)), "getJobAssets");
        List<Long> assetIds = Calls.longs(a.component1());
        List<Long> grantIds = Calls.longs(a.component2());
        List<Long> weights = Calls.longs(a.component3());
        List<JobAsset> assets = new ArrayList<>();
        for (int i = 0; i < assetIds.size(); i++) {
            assets.add(new JobAsset(assetIds.get(i), grantIds.get(i), weights.get(i)));
        }
        Hash32 result = Hash32.of(t.component12());
        return new Job(jobId, t.component1().longValueExact(), JobStatus.ofCode(t.component2().intValue()),
                Flag.fromMask(Operation.class, t.component3().intValue()), t.component4().intValue(),
                t.component5().intValue(), t.component6().longValueExact(),
                Instant.ofEpochSecond(t.component7().longValueExact()),
                Instant.ofEpochSecond(t.component8().longValueExact()), t.component9(), t.component10(),
                Hash32.of(t.component11()), result.isZero() ? null : result, assets);
    }

    @Override
    public long count() {
        return run(contract.jobCount(), "jobCount").longValueExact();
    }
}
