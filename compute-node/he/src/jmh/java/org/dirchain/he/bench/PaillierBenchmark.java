package org.dirchain.he.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.dirchain.he.HeCiphertext;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.paillier.PaillierParameters;
import org.dirchain.he.paillier.PaillierScheme;
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
 * Our Paillier at 2048 bits, one thread, default parameters (448-bit randomizer, 10-bit window);
 * plus encryption with the conservative 1024-bit randomizer of DJN/HEU for comparison. Key
 * generation and the fixed-base tables are built in the trial setup, outside the measurement.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PaillierBenchmark {

  private HomomorphicScheme scheme;
  private HeKeyPair keys;
  private BigInteger plaintext;
  private HeCiphertext a;
  private HeCiphertext b;

  @Setup(Level.Trial)
  public void setUp() {
    SecureRandom random = new SecureRandom();
    scheme = new PaillierScheme(PaillierParameters.defaults(), random);
    keys = scheme.generateKeyPair();
    plaintext = new BigInteger(2040, random);
    a = scheme.encrypt(keys.publicKey(), plaintext); // also builds the fixed-base table
    b = scheme.encrypt(keys.publicKey(), new BigInteger(2040, random));
    if (!scheme.decrypt(keys.secretKey(), a).equals(plaintext)) {
      throw new IllegalStateException("round trip failed");
    }
  }

  @Benchmark
  public HeCiphertext encrypt() {
    return scheme.encrypt(keys.publicKey(), plaintext);
  }

  @Benchmark
  public BigInteger decrypt() {
    return scheme.decrypt(keys.secretKey(), a);
  }

  @Benchmark
  public HeCiphertext add() {
    return scheme.add(a, b);
  }

  @Benchmark
  public HeCiphertext multiplyPlain32BitScalar() {
    return scheme.multiplyPlain(a, BigInteger.valueOf(0x7654_3210L));
  }

  @Benchmark
  public HeCiphertext encryptWith1024BitRandomizer(ConservativeKey conservative) {
    return conservative.scheme.encrypt(conservative.keys.publicKey(), plaintext);
  }

  /** A key whose encryptors use a 1024-bit α (DJN's ⌈k/2⌉). */
  @State(Scope.Benchmark)
  public static class ConservativeKey {
    HomomorphicScheme scheme;
    HeKeyPair keys;

    @Setup(Level.Trial)
    public void setUp() {
      scheme = new PaillierScheme(
          new PaillierParameters(2048, 1024, PaillierParameters.DEFAULT_WINDOW_BITS), new SecureRandom());
      keys = scheme.generateKeyPair();
      scheme.encrypt(keys.publicKey(), BigInteger.ONE); // builds the fixed-base table
    }
  }
}
