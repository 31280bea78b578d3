package org.dirchain.he.bench;

import com.n1analytics.paillier.PaillierPrivateKey;
import com.n1analytics.paillier.PaillierPublicKey;
import com.n1analytics.paillier.util.BigIntegerUtil;
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
 * javallier 0.6.0 as shipped: its modPow goes to GMP through jnagmp (bundled libgmp) when that
 * loads. Raw operations on residues, i.e. without javallier's number encoding: encrypt is
 * {@code raw_encrypt} = {@code (1 + m n) r^n mod n^2} with a fresh 2048-bit r (the obfuscation
 * that {@code PaillierContext.encrypt} defers), decrypt is its CRT {@code raw_decrypt}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class JavallierBenchmark {

  private PaillierPublicKey publicKey;
  private PaillierPrivateKey privateKey;
  private BigInteger plaintext;
  private BigInteger a;
  private BigInteger b;

  /** Whether this benchmark expects javallier to run on GMP. */
  protected boolean expectGmp() {
    return true;
  }

  @Setup(Level.Trial)
  public void setUp() {
    if (BigIntegerUtil.USE_GMP != expectGmp()) {
      throw new IllegalStateException("javallier USE_GMP is " + BigIntegerUtil.USE_GMP
          + " but this benchmark expects " + expectGmp());
    }
    SecureRandom random = new SecureRandom();
    privateKey = PaillierPrivateKey.create(2048);
    publicKey = privateKey.getPublicKey();
    plaintext = new BigInteger(2040, random);
    a = publicKey.raw_encrypt(plaintext);
    b = publicKey.raw_encrypt(new BigInteger(2040, random));
    if (!privateKey.raw_decrypt(a).equals(plaintext)) {
      throw new IllegalStateException("round trip failed");
    }
  }

  @Benchmark
  public BigInteger encrypt() {
    return publicKey.raw_encrypt(plaintext);
  }

  @Benchmark
  public BigInteger decrypt() {
    return privateKey.raw_decrypt(a);
  }

  @Benchmark
  public BigInteger add() {
    return publicKey.raw_add(a, b);
  }
}
