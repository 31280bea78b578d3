package org.dirchain.he.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The java.math.BigInteger operations Paillier is built from, for a 2048-bit n = pq: the yardsticks
 * for the targets (add vs one 4096-bit modular multiplication) and for the commentary.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RawBigIntegerBenchmark {

  private BigInteger n;
  private BigInteger nSquared;
  private BigInteger pSquared;
  private BigInteger pMinusOne;
  private BigInteger baseModN;
  private BigInteger fullExponent;
  private BigInteger shortExponent;
  private BigInteger x;
  private BigInteger y;

  @Setup(Level.Trial)
  public void setUp() {
    SecureRandom random = new SecureRandom();
    BigInteger p = BigInteger.probablePrime(1024, random);
    BigInteger q = BigInteger.probablePrime(1024, random);
    n = p.multiply(q);
    nSquared = n.multiply(n);
    pSquared = p.multiply(p);
    pMinusOne = p.subtract(BigInteger.ONE);
    baseModN = new BigInteger(2048, random).mod(n);
    fullExponent = new BigInteger(2048, random).setBit(2047);
    shortExponent = new BigInteger(448, random).setBit(447);
    x = new BigInteger(4096, random).mod(nSquared);
    y = new BigInteger(4096, random).mod(nSquared);
  }

  /** 2048-bit modPow mod n with a full 2048-bit exponent. */
  @Benchmark
  public BigInteger modPowFullExponentModN() {
    return baseModN.modPow(fullExponent, n);
  }

  /** One 4096-bit modular multiplication mod n^2, as BigInteger does it (multiply, then mod). */
  @Benchmark
  public BigInteger modMulModNSquared() {
    return x.multiply(y).mod(nSquared);
  }

  /** The 4096 x 4096-bit product alone. */
  @Benchmark
  public BigInteger multiply4096() {
    return x.multiply(y);
  }

  /** hs^α mod n^2 with a 448-bit α by plain modPow, i.e. fast encryption without the table. */
  @Benchmark
  public BigInteger modPowShortExponentModNSquared() {
    return x.modPow(shortExponent, nSquared);
  }

  /** r^n mod n^2: the randomizer of textbook Paillier encryption. */
  @Benchmark
  public BigInteger modPowNModNSquared() {
    return x.modPow(n, nSquared);
  }

  /** c^(p-1) mod p^2: one of the two halves of CRT decryption. */
  @Benchmark
  public BigInteger modPowHalfModPSquared() {
    return x.mod(pSquared).modPow(pMinusOne, pSquared);
  }
}
