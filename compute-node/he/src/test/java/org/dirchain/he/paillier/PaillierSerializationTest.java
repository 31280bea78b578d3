package org.dirchain.he.paillier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.dirchain.he.HeCiphertext;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HePublicKey;
import org.dirchain.he.HeSecretKey;
import org.dirchain.he.InvalidHeKeyException;
import org.dirchain.he.KeyMismatchException;
import org.dirchain.he.MalformedEncodingException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaillierSerializationTest {

  private static final PaillierScheme scheme = TestKeys.SCHEME;
  private static HeKeyPair keys;
  private static PaillierPublicKey pk;
  private static byte[] ciphertextBytes;

  @BeforeAll
  static void setUp() {
    keys = TestKeys.first();
    pk = (PaillierPublicKey) keys.publicKey();
    ciphertextBytes = scheme.serializeCiphertext(scheme.encrypt(pk, BigInteger.valueOf(123456789)));
  }

  @Test
  void publicKeyRoundTrip() {
    byte[] encoded = scheme.serializePublicKey(pk);
    assertEquals(5 + 4 + 3 * 256, encoded.length);
    HePublicKey decoded = scheme.deserializePublicKey(encoded);
    assertEquals(pk, decoded);
    assertEquals(pk.fingerprint(), decoded.fingerprint());
    assertArrayEquals(encoded, scheme.serializePublicKey(decoded));
  }

  @Test
  void secretKeyRoundTripDecrypts() {
    byte[] encoded = scheme.serializeSecretKey(keys.secretKey());
    HeSecretKey decoded = scheme.deserializeSecretKey(encoded);
    assertEquals(pk.fingerprint(), decoded.fingerprint());
    HeCiphertext c = scheme.deserializeCiphertext(pk, ciphertextBytes);
    assertEquals(BigInteger.valueOf(123456789), scheme.decrypt(decoded, c));
  }

  @Test
  void ciphertextRoundTripThroughBase64() {
    assertEquals(5 + 8 + 512, ciphertextBytes.length);
    String text = Base64.getEncoder().encodeToString(ciphertextBytes);
    HeCiphertext decoded = scheme.deserializeCiphertext(pk, Base64.getDecoder().decode(text));
    assertArrayEquals(ciphertextBytes, scheme.serializeCiphertext(decoded));
    assertEquals(BigInteger.valueOf(123456789), scheme.decrypt(keys.secretKey(), decoded));
  }

  @Test
  void ciphertextUnderAnotherKeyIsRejectedWithAClearMessage() {
    HePublicKey other = TestKeys.second().publicKey();
    KeyMismatchException e = assertThrows(KeyMismatchException.class,
        () -> scheme.deserializeCiphertext(other, ciphertextBytes));
    assertTrue(e.getMessage().contains(pk.fingerprint().toHex()), e.getMessage());
  }

  @Test
  void tamperedFingerprintIsRejected() {
    byte[] bytes = ciphertextBytes.clone();
    bytes[5] ^= 0x01;
    assertThrows(KeyMismatchException.class, () -> scheme.deserializeCiphertext(pk, bytes));
  }

  @Test
  void headerErrorsAreRejected() {
    assertMalformed(new byte[0], "header");
    assertMalformed(new byte[] {'H', 'E', 3}, "header");
    assertMalformed(withByte(0, (byte) 'X'), "magic");
    assertMalformed(withByte(2, PaillierCodec.KIND_PUBLIC_KEY), "public key");
    assertMalformed(withByte(3, (byte) 9), "scheme");
    assertMalformed(withByte(4, (byte) 2), "version 2");
  }

  @Test
  void wrongLengthIsRejected() {
    assertMalformed(Arrays.copyOf(ciphertextBytes, ciphertextBytes.length - 1), "525 bytes");
    assertMalformed(Arrays.copyOf(ciphertextBytes, ciphertextBytes.length + 1), "525 bytes");
    assertMalformed(Arrays.copyOf(ciphertextBytes, 9), "truncated");
  }

  @Test
  void ciphertextValuesOutsideTheUnitGroupAreRejected() {
    assertMalformed(withValue(BigInteger.ZERO), "[1, n^2)");
    assertMalformed(withValue(pk.nSquared()), "[1, n^2)");
    PaillierSecretKey sk = (PaillierSecretKey) keys.secretKey();
    assertMalformed(withValue(sk.p().multiply(BigInteger.valueOf(12345))), "gcd");
    assertMalformed(withValue(pk.n()), "gcd");
  }

  @Test
  void inRangeTamperingIsNotDetectedAndDecryptsToGarbage() {
    // Documented limitation: the encoding has no MAC. Integrity comes from signed attestations.
    byte[] bytes = ciphertextBytes.clone();
    bytes[bytes.length - 1] ^= 0x02;
    HeCiphertext tampered = scheme.deserializeCiphertext(pk, bytes);
    assertNotEquals(BigInteger.valueOf(123456789), scheme.decrypt(keys.secretKey(), tampered));
  }

  @Test
  void tamperedPublicKeysAreRejected() {
    byte[] encoded = scheme.serializePublicKey(pk);
    byte[] even = encoded.clone();
    even[5 + 4 + 255] &= (byte) 0xfe; // low byte of n
    assertThrows(InvalidHeKeyException.class, () -> scheme.deserializePublicKey(even));

    byte[] shortModulus = encoded.clone();
    ByteBuffer.wrap(shortModulus).putShort(5, (short) 1024);
    InvalidHeKeyException e =
        assertThrows(InvalidHeKeyException.class, () -> scheme.deserializePublicKey(shortModulus));
    assertTrue(e.getMessage().contains("1024"), e.getMessage());

    byte[] hsOne = encoded.clone();
    Arrays.fill(hsOne, 5 + 4 + 256, hsOne.length, (byte) 0);
    hsOne[hsOne.length - 1] = 1;
    assertThrows(InvalidHeKeyException.class, () -> scheme.deserializePublicKey(hsOne));

    assertThrows(MalformedEncodingException.class,
        () -> scheme.deserializePublicKey(Arrays.copyOf(encoded, encoded.length - 1)));
    assertThrows(MalformedEncodingException.class, () -> scheme.deserializePublicKey(ciphertextBytes));
  }

  @Test
  void tamperedSecretKeyIsRejected() {
    byte[] encoded = scheme.serializeSecretKey(keys.secretKey());
    encoded[encoded.length - 1] ^= 0x04; // q changes, so p * q != n
    assertThrows(InvalidHeKeyException.class, () -> scheme.deserializeSecretKey(encoded));
  }

  private static void assertMalformed(byte[] bytes, String messagePart) {
    MalformedEncodingException e = assertThrows(MalformedEncodingException.class,
        () -> scheme.deserializeCiphertext(pk, bytes));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  private static byte[] withByte(int index, byte value) {
    byte[] bytes = ciphertextBytes.clone();
    bytes[index] = value;
    return bytes;
  }

  private static byte[] withValue(BigInteger value) {
    byte[] bytes = ciphertextBytes.clone();
    byte[] raw = value.toByteArray();
    int offset = raw.length > 512 ? raw.length - 512 : 0;
    Arrays.fill(bytes, 13, bytes.length, (byte) 0);
    System.arraycopy(raw, offset, bytes, bytes.length - (raw.length - offset), raw.length - offset);
    return bytes;
  }
}
