package org.dirchain.chain;

import java.math.BigInteger;
import java.util.List;
import org.dirchain.chain.errors.ChainException;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.RemoteCall;

/** Runs web3j calls and keeps web3j's checked exceptions and types out of the façade. */
final class Calls {
    private Calls() {}

    static <T> T run(RemoteCall<T> call, String what) {
        try {
            return call.send();
        } catch (ChainException e) {
            throw e;
        } catch (Exception e) {
            throw new ChainException(what + " failed: " + e.getMessage(), e);
        }
    }

    static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    static List<BigInteger> bigs(List<Long> values) {
        return values.stream().map(BigInteger::valueOf).toList();
    }

    /** web3j returns dynamic arrays either as native values or as ABI types, depending on path. */
    static List<Long> longs(List<?> values) {
        return values.stream()
                .map(v -> v instanceof Type<?> t ? t.getValue() : v)
                .map(v -> ((BigInteger) v).longValueExact())
                .toList();
    }
}
