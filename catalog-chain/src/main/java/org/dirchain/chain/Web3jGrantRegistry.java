package org.dirchain.chain;

import static org.dirchain.chain.Calls.big;
import static org.dirchain.chain.Calls.run;

import java.math.BigInteger;
import java.time.Instant;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.model.Flag;
import org.dirchain.chain.model.Grant;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.GrantStatus;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.contracts.generated.AccessGrants;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple12;

final class Web3jGrantRegistry implements GrantRegistry {
    static final long MAX_DURATION_SECONDS = 5L * 365 * 24 * 3600;

    private final AccessGrants contract;

    Web3jGrantRegistry(AccessGrants contract) {
        this.contract = contract;
    }

    @Override
    public long request(GrantRequest g) {
        if (g == null) {
            throw new InvalidInputException("grant", "is missing");
        }
        Inputs.id("assetId", g.assetId());
        Inputs.nonEmpty("operations", g.operations());
        Inputs.hash("purposeHash", g.purposeHash());
        if (g.duration() == null) {
            throw new InvalidInputException("duration", "is missing");
        }
        Inputs.range("duration", g.duration().getSeconds(), 1, MAX_DURATION_SECONDS);
        Inputs.range("maxJobs", g.maxJobs(), 1, Integer.MAX_VALUE);
        Inputs.range("epsilonBudgetMilli", g.epsilonBudgetMilli(), 0, Long.MAX_VALUE);
        TransactionReceipt r = run(contract.request(big(g.assetId()), big(Flag.mask(g.operations())),
                g.purposeHash().bytes(), big(g.duration().getSeconds()), big(g.maxJobs()),
                big(g.epsilonBudgetMilli())), "request grant");
        return AccessGrants.getGrantRequestedEvents(r).get(0).grantId.longValueExact();
    }

    @Override
    public boolean approve(long grantId) {
        Inputs.id("grantId", grantId);
        TransactionReceipt r = run(contract.approve(big(grantId)), "approve grant");
        return !AccessGrants.getGrantApprovedEvents(r).isEmpty();
    }

    @Override
    public void deny(long grantId, Hash32 reasonHash) {
        Inputs.id("grantId", grantId);
        run(contract.deny(big(grantId), reason(reasonHash)), "deny grant");
    }

    @Override
    public void revoke(long grantId, Hash32 reasonHash) {
        Inputs.id("grantId", grantId);
        run(contract.revoke(big(grantId), reason(reasonHash)), "revoke grant");
    }

    @Override
    public Grant grant(long grantId) {
        Inputs.id("grantId", grantId);
        Tuple12<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger,
                        BigInteger, BigInteger, BigInteger, byte[]>
                t = run(contract.getGrant(big(grantId)), "getGrant");
        long expires = t.component8().longValueExact();
        return new Grant(grantId, t.component1().longValueExact(), t.component2().longValueExact(),
                GrantStatus.ofCode(t.component3().intValue()), Flag.fromMask(Operation.class, t.component4().intValue()),
                t.component5().intValue(), t.component6().intValueExact(), t.component7().intValueExact(),
                expires == 0 ? null : Instant.ofEpochSecond(expires), t.component9().longValueExact(),
                t.component10().longValueExact(), t.component11().longValueExact(), Hash32.of(t.component12()));
    }

    @Override
    public long count() {
        return run(contract.grantCount(), "grantCount").longValueExact();
    }

    private static byte[] reason(Hash32 reasonHash) {
        return (reasonHash == null ? Hash32.ZERO : reasonHash).bytes();
    }
}
