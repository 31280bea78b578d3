package org.dirchain.he.paillier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import org.dirchain.he.InvalidHeKeyException;
import org.junit.jupiter.api.Test;

/**
 * Keys come from requesters: only 2048- and 3072-bit moduli and randomizers up to {@code |n|/2}
 * are accepted, and the declared sizes are refused before the body is read or anything computed.
 */
class PaillierKeySizeTest {

  private static final PaillierScheme scheme = TestKeys.SCHEME;
  private static final int HUGE = 65_520; // the largest multiple of 16 a u16 size field holds

  @Test
  void aHugeKeyIsRefusedForItsDeclaredSizeBeforeItsBodyIsRead() {
    byte[] full = encoding(HUGE, 448, 3 * (HUGE / 8));
    new SecureRandom().nextBytes(full); // body: random, as a hostile requester might send
    full = encoding(full, HUGE, 448);
    assertUnsupported(full, "modulus size 65520 bits is not supported (supported: 2048, 3072)");
    // The size alone decides: a header without any body is refused for the same reason, not for its length.
    assertUnsupported(encoding(HUGE, 448, 0), "modulus size 65520 bits is not supported");
  }

  @Test
  void onlyTheSupportedModulusSizesAreAccepted() {
    for (int bits : new int[] {1024, 2032, 2064, 4096, 7680, 15360}) {
      assertUnsupported(encoding(bits, 512, 3 * (bits / 8)), "modulus size " + bits + " bits is not supported");
      int size = bits;
      assertThrows(IllegalArgumentException.class,
          () -> new PaillierParameters(size, PaillierParameters.minimumRandomizerBits(size), 10));
    }
    BigInteger odd = BigInteger.ONE.shiftLeft(HUGE - 1).add(BigInteger.valueOf(2001 * 2003));
    InvalidHeKeyException e = assertThrows(InvalidHeKeyException.class,
        () -> PaillierPublicKey.create(odd, BigInteger.TWO, 448, 10));
    assertTrue(e.getMessage().contains("not supported"), e.getMessage());
  }

  @Test
  void theRandomizerLengthIsBoundedByHalfTheModulus() {
    byte[] encoded = scheme.serializePublicKey(TestKeys.first().publicKey());
    assertEquals(1024, ((PaillierPublicKey) scheme.deserializePublicKey(withRandomizer(encoded, 1024)))
        .randomizerBits());
    for (int randomizer : new int[] {1025, 2048, 65_535}) {
      assertUnsupported(withRandomizer(encoded, randomizer),
          "randomizer length " + randomizer + " bits is outside [448, 1024] for a 2048-bit modulus");
    }
    assertUnsupported(withRandomizer(encoded, 447), "outside [448, 1024]");
    assertThrows(IllegalArgumentException.class, () -> new PaillierParameters(2048, 1025, 10));
    assertEquals(1536, new PaillierParameters(3072, 1536, 10).randomizerBits());
    assertThrows(IllegalArgumentException.class, () -> new PaillierParameters(3072, 1537, 10));
  }

  @Test
  void a3072BitKeyRoundTrips() {
    SecureRandom random = new SecureRandom();
    BigInteger n;
    do {
      n = BigInteger.probablePrime(1536, random).multiply(BigInteger.probablePrime(1536, random));
    } while (n.bitLength() != 3072);
    PaillierPublicKey key = PaillierPublicKey.create(n, PaillierKeyGenerator.hsFor(n, BigInteger.TWO), 512, 10);
    byte[] encoded = scheme.serializePublicKey(key);
    assertEquals(5 + 4 + 3 * 384, encoded.length);
    assertEquals(key, scheme.deserializePublicKey(encoded));
  }

  private static void assertUnsupported(byte[] encoded, String messagePart) {
    InvalidHeKeyException e =
        assertThrows(InvalidHeKeyException.class, () -> scheme.deserializePublicKey(encoded));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  /** A public-key encoding declaring these sizes, with {@code bodyBytes} zero bytes after them. */
  private static byte[] encoding(int modulusBits, int randomizerBits, int bodyBytes) {
    return encoding(new byte[PaillierCodec.HEADER_BYTES + 4 + bodyBytes], modulusBits, randomizerBits);
  }

  private static byte[] encoding(byte[] bytes, int modulusBits, int randomizerBits) {
    ByteBuffer.wrap(bytes).put((byte) 'H').put((byte) 'E').put(PaillierCodec.KIND_PUBLIC_KEY)
        .put(PaillierCodec.SCHEME_PAILLIER).put(PaillierCodec.VERSION)
        .putShort((short) modulusBits).putShort((short) randomizerBits);
    return bytes;
  }

  private static byte[] withRandomizer(byte[] encoded, int randomizerBits) {
    byte[] copy = Arrays.copyOf(encoded, encoded.length);
    ByteBuffer.wrap(copy).putShort(PaillierCodec.HEADER_BYTES + 2, (short) randomizerBits);
    return copy;
  }
}
