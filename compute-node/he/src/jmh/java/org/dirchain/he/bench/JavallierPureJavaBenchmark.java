package org.dirchain.he.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * javallier with GMP unavailable (JNA may neither unpack nor find its native library), so it
 * falls back to BigInteger: the like-for-like pure-Java baseline.
 */
@Fork(value = 1, jvmArgsAppend = {"-Djna.nosys=true", "-Djna.nounpack=true"})
public class JavallierPureJavaBenchmark extends JavallierBenchmark {

  @Override
  protected boolean expectGmp() {
    return false;
  }
}
