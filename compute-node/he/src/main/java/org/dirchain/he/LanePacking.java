package org.dirchain.he;

import java.math.BigInteger;

/**
 * Packs many signed integers into one plaintext, lane by lane, so one ciphertext carries
 * {@link #lanesPerPlaintext()} values (the packing used by BatchCrypt and FATE for Paillier).
 * Additions of ciphertexts add all lanes at once.
 *
 * <p>Each lane of {@code L} bits holds {@code v + B} with bias {@code B = 2^(L-4)}: values must
 * satisfy {@code |v| < B}, so a lane holds a value in {@code [0, 2B)} and the sum of up to
 * {@value #MAX_CONTRIBUTIONS} contributions stays below {@code 2^L} — no carry reaches the next
 * lane. Unpacking subtracts {@code k·B} for {@code k} contributions. Lanes fill the plaintext up to
 * one bit below the modulus, so a packed value is always a valid plaintext.
 */
public final class LanePacking {
    /** The job ledger allows at most 8 assets per job. */
    public static final int MAX_CONTRIBUTIONS = 8;

    private final int laneBits;
    private final int lanes;
    private final BigInteger bias;
    private final BigInteger laneMask;

    public LanePacking(int laneBits, BigInteger plaintextModulus) {
        if (laneBits < 16 || laneBits > 1024) {
            throw new IllegalArgumentException("lane width must be 16 to 1024 bits, got " + laneBits);
        }
        this.laneBits = laneBits;
        this.lanes = (plaintextModulus.bitLength() - 1) / laneBits;
        if (lanes < 1) {
            throw new IllegalArgumentException("a " + laneBits + "-bit lane does not fit the plaintext space");
        }
        this.bias = BigInteger.ONE.shiftLeft(laneBits - 4);
        this.laneMask = BigInteger.ONE.shiftLeft(laneBits).subtract(BigInteger.ONE);
    }

    public int lanesPerPlaintext() {
        return lanes;
    }

    /** Plaintexts needed for {@code values} values. */
    public int plaintexts(int values) {
        return (values + lanes - 1) / lanes;
    }

    /** @throws LaneOverflowException when a value's magnitude reaches the bias */
    public BigInteger[] pack(BigInteger[] values) {
        BigInteger[] out = new BigInteger[plaintexts(values.length)];
        for (int p = 0; p < out.length; p++) {
            BigInteger packed = BigInteger.ZERO;
            for (int lane = Math.min(lanes, values.length - p * lanes) - 1; lane >= 0; lane--) {
                BigInteger v = values[p * lanes + lane];
                if (v.abs().compareTo(bias) >= 0) {
                    throw new LaneOverflowException("value " + (p * lanes + lane) + " needs more than "
                            + (laneBits - 4) + " bits: ask for wider lanes");
                }
                packed = packed.shiftLeft(laneBits).or(v.add(bias));
            }
            out[p] = packed;
        }
        return out;
    }

    /** The {@code count} values of a sum of {@code contributions} packed vectors. */
    public BigInteger[] unpack(BigInteger[] plaintexts, int count, int contributions) {
        if (contributions < 1 || contributions > MAX_CONTRIBUTIONS) {
            throw new IllegalArgumentException("contributions must be 1.." + MAX_CONTRIBUTIONS);
        }
        if (plaintexts.length != plaintexts(count)) {
            throw new IllegalArgumentException(count + " values need " + plaintexts(count) + " plaintexts, got "
                    + plaintexts.length);
        }
        BigInteger offset = bias.multiply(BigInteger.valueOf(contributions));
        BigInteger[] out = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            BigInteger lane = plaintexts[i / lanes].shiftRight((i % lanes) * laneBits).and(laneMask);
            out[i] = lane.subtract(offset);
        }
        return out;
    }

    /** A value does not fit its lane. */
    public static final class LaneOverflowException extends IllegalArgumentException {
        public LaneOverflowException(String message) {
            super(message);
        }
    }
}
