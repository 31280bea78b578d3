package org.dirchain.he.paillier;

import java.security.SecureRandom;
import org.dirchain.he.HeKeyPair;

/**
 * 2048-bit keys shared by the test classes of one JVM: generating them takes seconds, and the
 * fixed-base table of a key is built once on its first encryption.
 */
final class TestKeys {

  static final PaillierScheme SCHEME =
      new PaillierScheme(PaillierParameters.defaults(), new SecureRandom());

  private TestKeys() {}

  static HeKeyPair first() {
    return First.PAIR;
  }

  static HeKeyPair second() {
    return Second.PAIR;
  }

  private static final class First {
    static final HeKeyPair PAIR = SCHEME.generateKeyPair();
  }

  private static final class Second {
    static final HeKeyPair PAIR = SCHEME.generateKeyPair();
  }
}
