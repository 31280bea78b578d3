package org.dirchain.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5869, appendix A. */
class HkdfTest {

  @Test
  void testCase1() {
    byte[] ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    byte[] salt = hex("000102030405060708090a0b0c");
    byte[] info = hex("f0f1f2f3f4f5f6f7f8f9");
    byte[] prk = Hkdf.extract(salt, ikm);
    assertArrayEquals(hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"), prk);
    assertArrayEquals(hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
        Hkdf.expand(prk, info, 42));
  }

  @Test
  void testCase3WithoutSaltOrInfo() {
    byte[] ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    assertArrayEquals(hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"),
        Hkdf.derive(null, ikm, new byte[0], 42));
  }

  @Test
  void anOutputLongerThan255BlocksIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(new byte[32], new byte[0], 255 * 32 + 1));
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
