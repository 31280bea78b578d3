package org.dirchain.he;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LanePackingTest {
    static final BigInteger N = BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(12345)); // a 2048-bit modulus

    @Test
    void sumsOfPackedVectorsUnpackToSumsOfValuesIncludingNegatives() {
        LanePacking p = new LanePacking(128, N);
        assertEquals(15, p.lanesPerPlaintext());
        Random r = new Random(1);
        int count = 52;
        BigInteger[] expected = new BigInteger[count];
        BigInteger[] packedSum = null;
        for (int node = 0; node < 8; node++) {
            BigInteger[] v = new BigInteger[count];
            for (int i = 0; i < count; i++) {
                v[i] = new BigInteger(120, r).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
                expected[i] = expected[i] == null ? v[i] : expected[i].add(v[i]);
            }
            BigInteger[] packed = p.pack(v);
            assertEquals(4, packed.length);
            for (BigInteger x : packed) {
                assertEquals(-1, x.compareTo(N), "a packed plaintext is below the modulus");
            }
            if (packedSum == null) {
                packedSum = packed;
            } else {
                for (int i = 0; i < packed.length; i++) {
                    packedSum[i] = packedSum[i].add(packed[i]);
                }
            }
        }
        assertArrayEquals(expected, p.unpack(packedSum, count, 8));
    }

    @Test
    void refusesValuesThatDoNotFitTheirLane() {
        LanePacking p = new LanePacking(64, N);
        BigInteger tooBig = BigInteger.ONE.shiftLeft(60);
        assertThrows(LanePacking.LaneOverflowException.class, () -> p.pack(new BigInteger[] {BigInteger.ONE, tooBig}));
        assertThrows(LanePacking.LaneOverflowException.class, () -> p.pack(new BigInteger[] {tooBig.negate()}));
        assertArrayEquals(new BigInteger[] {tooBig.subtract(BigInteger.ONE)}, p.unpack(
                p.pack(new BigInteger[] {tooBig.subtract(BigInteger.ONE)}), 1, 1));
    }

    @Test
    void refusesImpossibleParameters() {
        assertThrows(IllegalArgumentException.class, () -> new LanePacking(8, N));
        assertThrows(IllegalArgumentException.class, () -> new LanePacking(128, BigInteger.valueOf(1000)));
        LanePacking p = new LanePacking(128, N);
        assertThrows(IllegalArgumentException.class, () -> p.unpack(new BigInteger[4], 52, 9));
        assertThrows(IllegalArgumentException.class, () -> p.unpack(new BigInteger[3], 52, 2));
    }
}
