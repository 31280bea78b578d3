package org.dirchain.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.interfaces.XECPublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Raw 32-byte keys round-trip through the JDK types, in RFC 7748's byte order. */
class X25519KeysTest {
  // RFC 7748 §6.1
  private static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
  private static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
  private static final String BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
  private static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
  private static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

  @Test
  void generatedPublicKeysRoundTrip() {
    for (int n = 0; n < 50; n++) {
      XECPublicKey key = (XECPublicKey) X25519Keys.generate(SessionHarness.RANDOM).getPublic();
      byte[] raw = X25519Keys.toRaw(key);
      assertEquals(X25519Keys.KEY_BYTES, raw.length);
      assertEquals(key.getU(), X25519Keys.fromRaw(raw).getU());
      assertArrayEquals(raw, X25519Keys.toRaw(X25519Keys.fromRaw(raw)));
    }
  }

  @Test
  void theRfc7748VectorsAgreeThroughRawKeys() {
    assertArrayEquals(hex(ALICE_PUBLIC), X25519Keys.toRaw(X25519Keys.fromRaw(hex(ALICE_PUBLIC))));
    byte[] aliceSide = X25519Keys.agree(X25519Keys.privateFromScalar(hex(ALICE_PRIVATE)), hex(BOB_PUBLIC));
    byte[] bobSide = X25519Keys.agree(X25519Keys.privateFromScalar(hex(BOB_PRIVATE)), hex(ALICE_PUBLIC));
    assertArrayEquals(hex(SHARED), aliceSide);
    assertArrayEquals(hex(SHARED), bobSide);
  }

  @Test
  void aPrivateKeyRebuiltFromItsScalarAgreesLikeTheOriginal() {
    var mine = X25519Keys.generate(SessionHarness.RANDOM);
    var peer = X25519Keys.generate(SessionHarness.RANDOM);
    byte[] peerRaw = X25519Keys.toRaw(peer.getPublic());
    assertArrayEquals(X25519Keys.agree(mine.getPrivate(), peerRaw),
        X25519Keys.agree(X25519Keys.privateFromScalar(X25519Keys.scalar(mine.getPrivate())), peerRaw));
  }

  @Test
  void aRawKeyOfTheWrongLengthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> X25519Keys.fromRaw(new byte[31]));
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
