package org.dirchain.chain.model;

import java.math.BigInteger;
import java.util.Set;
import java.util.TreeSet;
import org.dirchain.chain.errors.InvalidInputException;

/**
 * The owner's release policy of an asset: what may leave its node, on chain with every version.
 * The grants contract checks the epsilon rules when a job is submitted (DP required, per-job range,
 * one budget per requester organisation across all its grants); every node checks the rest itself
 * before it shares a masking key (protected columns, cell counts, the minimum cell size).
 *
 * @param minCellSize the smallest count any released cell may have: each group, each histogram
 *     bucket and the cohort (under DP, compared with the noisy count)
 * @param maxCells the most groups, and groups × buckets of any histogram, a query may ask for
 * @param integerGroups whether a query may group by an unprotected INTEGER column
 * @param quasiIdentifierRanges whether range filters (LT, LE, GT, GE, BETWEEN) may use quasi-identifiers
 * @param identifierColumns schema positions (0-based) of identifiers: never grouped on, filtered or measured
 * @param quasiIdentifierColumns schema positions of quasi-identifiers: never grouped on nor filtered by EQ/NE/IN
 */
public record ReleasePolicy(
        boolean dpRequired,
        long minEpsilonMilli,
        long maxEpsilonMilli,
        long requesterEpsilonBudgetMilli,
        int minCellSize,
        int maxCells,
        boolean integerGroups,
        boolean quasiIdentifierRanges,
        Set<Integer> identifierColumns,
        Set<Integer> quasiIdentifierColumns) {

    public static final int MAX_CELLS = 1000;
    /** Masks are 128 bits wide: protected columns are among the first 128. */
    public static final int MAX_PROTECTED_POSITION = 127;
    static final long UINT32_MAX = 0xFFFF_FFFFL;
    static final int FLAG_INTEGER_GROUPS = 1;
    static final int FLAG_QUASI_RANGES = 2;

    public ReleasePolicy {
        identifierColumns = Set.copyOf(new TreeSet<>(identifierColumns == null ? Set.of() : identifierColumns));
        quasiIdentifierColumns = Set.copyOf(quasiIdentifierColumns == null ? Set.of() : quasiIdentifierColumns);
        range("minEpsilonMilli", minEpsilonMilli, dpRequired ? 1 : 0, UINT32_MAX);
        range("maxEpsilonMilli", maxEpsilonMilli, Math.max(1, minEpsilonMilli), UINT32_MAX);
        range("requesterEpsilonBudgetMilli", requesterEpsilonBudgetMilli, maxEpsilonMilli, Long.MAX_VALUE);
        range("minCellSize", minCellSize, 0, Integer.MAX_VALUE);
        range("maxCells", maxCells, 1, MAX_CELLS);
        for (int c : identifierColumns) {
            range("identifierColumns", c, 0, MAX_PROTECTED_POSITION);
        }
        for (int c : quasiIdentifierColumns) {
            range("quasiIdentifierColumns", c, 0, MAX_PROTECTED_POSITION);
            if (identifierColumns.contains(c)) {
                throw new InvalidInputException("quasiIdentifierColumns", "column " + c + " is also an identifier");
            }
        }
    }

    /**
     * No differential privacy required, no protected column, any epsilon a requester chooses;
     * only the minimum cell size. For public or already-aggregated data.
     */
    public static ReleasePolicy open(int minCellSize) {
        return new ReleasePolicy(false, 0, 1_000_000_000L, Long.MAX_VALUE, minCellSize, MAX_CELLS, true, true,
                Set.of(), Set.of());
    }

    /** Is the column at this schema position protected in any way? */
    public boolean isProtected(int position) {
        return identifierColumns.contains(position) || quasiIdentifierColumns.contains(position);
    }

    public int flags() {
        return (integerGroups ? FLAG_INTEGER_GROUPS : 0) | (quasiIdentifierRanges ? FLAG_QUASI_RANGES : 0);
    }

    public static BigInteger mask(Set<Integer> positions) {
        BigInteger m = BigInteger.ZERO;
        for (int p : positions) {
            m = m.setBit(p);
        }
        return m;
    }

    public static Set<Integer> positions(BigInteger mask) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < mask.bitLength(); i++) {
            if (mask.testBit(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Rebuilds a policy from its on-chain form. */
    public static ReleasePolicy fromChain(boolean dpRequired, long minEps, long maxEps, long budget, int minCell,
            int maxCells, int flags, BigInteger identifiers, BigInteger quasiIdentifiers) {
        return new ReleasePolicy(dpRequired, minEps, maxEps, budget, minCell, maxCells,
                (flags & FLAG_INTEGER_GROUPS) != 0, (flags & FLAG_QUASI_RANGES) != 0, positions(identifiers),
                positions(quasiIdentifiers));
    }

    private static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
