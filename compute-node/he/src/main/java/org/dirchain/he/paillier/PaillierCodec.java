package org.dirchain.he.paillier;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.dirchain.he.InvalidHeKeyException;
import org.dirchain.he.KeyFingerprint;
import org.dirchain.he.KeyMismatchException;
import org.dirchain.he.MalformedEncodingException;

/**
 * Versioned binary encodings (big-endian, fixed-width integers; {@code L = modulusBits / 8}).
 *
 * <pre>
 * header      : 'H' 'E' | kind (1 = public key, 2 = secret key, 3 = ciphertext) | scheme (1 = Paillier) | version (1)
 * public key  : header | u16 modulusBits | u16 randomizerBits | n [L] | hs [2L]          (777 bytes at 2048 bits)
 * secret key  : header | u16 modulusBits | u16 randomizerBits | n [L] | hs [2L] | p [L/2] | q [L/2]
 * ciphertext  : header | key fingerprint [8] | c [2L]                                     (525 bytes at 2048 bits)
 * </pre>
 *
 * The fingerprint is the first 8 bytes of {@code SHA-256("dirchain/he/paillier/fingerprint/v1" ||
 * n [L] || hs [2L])}; it identifies the key, it does not authenticate anything.
 */
final class PaillierCodec {

  static final byte KIND_PUBLIC_KEY = 1;
  static final byte KIND_SECRET_KEY = 2;
  static final byte KIND_CIPHERTEXT = 3;
  static final byte SCHEME_PAILLIER = 1;
  static final byte VERSION = 1;
  static final int HEADER_BYTES = 5;

  private static final byte MAGIC_0 = 'H';
  private static final byte MAGIC_1 = 'E';
  private static final byte[] FINGERPRINT_DOMAIN =
      "dirchain/he/paillier/fingerprint/v1".getBytes(StandardCharsets.US_ASCII);

  private PaillierCodec() {}

  static byte[] encodePublicKey(PaillierPublicKey key) {
    int l = key.modulusBits() / 8;
    ByteBuffer out = header(KIND_PUBLIC_KEY, 4 + 3 * l);
    writePublicKeyBody(out, key);
    return out.array();
  }

  static PaillierPublicKey decodePublicKey(byte[] encoded, int windowBits) {
    ByteBuffer in = readHeader(encoded, KIND_PUBLIC_KEY, "public key");
    return readPublicKeyBody(in, encoded.length, 0, windowBits);
  }

  static byte[] encodeSecretKey(PaillierSecretKey key) {
    PaillierPublicKey publicKey = key.publicKey();
    int l = publicKey.modulusBits() / 8;
    ByteBuffer out = header(KIND_SECRET_KEY, 4 + 4 * l);
    writePublicKeyBody(out, publicKey);
    writeFixed(out, key.p(), l / 2);
    writeFixed(out, key.q(), l / 2);
    return out.array();
  }

  static PaillierSecretKey decodeSecretKey(byte[] encoded, int windowBits) {
    ByteBuffer in = readHeader(encoded, KIND_SECRET_KEY, "secret key");
    int modulusBits = peekModulusBits(in, encoded.length);
    int l = modulusBits / 8;
    PaillierPublicKey publicKey = readPublicKeyBody(in, encoded.length, l, windowBits);
    BigInteger p = readFixed(in, l / 2);
    BigInteger q = readFixed(in, l / 2);
    return PaillierSecretKey.validated(publicKey, p, q);
  }

  static byte[] encodeCiphertext(PaillierCiphertext ciphertext) {
    PaillierPublicKey key = ciphertext.publicKey();
    ByteBuffer out = header(KIND_CIPHERTEXT, KeyFingerprint.BYTES + 2 * (key.modulusBits() / 8));
    out.putLong(key.fingerprint().value());
    writeFixed(out, ciphertext.value(), 2 * (key.modulusBits() / 8));
    return out.array();
  }

  static PaillierCiphertext decodeCiphertext(PaillierPublicKey key, byte[] encoded) {
    ByteBuffer in = readHeader(encoded, KIND_CIPHERTEXT, "ciphertext");
    if (in.remaining() < KeyFingerprint.BYTES) {
      throw new MalformedEncodingException("ciphertext encoding is truncated before the key fingerprint");
    }
    // Check the key before the length: a ciphertext under another key usually has another size
    // too, and "wrong key" is the useful message.
    KeyFingerprint named = new KeyFingerprint(in.getLong());
    if (!named.equals(key.fingerprint())) {
      throw new KeyMismatchException(
          "ciphertext is under key " + named + ", not under the given key " + key.fingerprint());
    }
    int width = 2 * (key.modulusBits() / 8);
    int expected = HEADER_BYTES + KeyFingerprint.BYTES + width;
    if (encoded.length != expected) {
      throw new MalformedEncodingException(
          "ciphertext encoding for a " + key.modulusBits() + "-bit key must be " + expected
              + " bytes, got " + encoded.length);
    }
    BigInteger c = readFixed(in, width);
    if (c.signum() == 0 || c.compareTo(key.nSquared()) >= 0) {
      throw new MalformedEncodingException("ciphertext value is not in [1, n^2)");
    }
    if (!c.gcd(key.n()).equals(BigInteger.ONE)) {
      throw new MalformedEncodingException("ciphertext value is not a unit: gcd(c, n) != 1");
    }
    return new PaillierCiphertext(key, c);
  }

  static KeyFingerprint fingerprint(BigInteger n, BigInteger hs) {
    int l = (n.bitLength() + 7) / 8;
    ByteBuffer input = ByteBuffer.allocate(FINGERPRINT_DOMAIN.length + 3 * l);
    input.put(FINGERPRINT_DOMAIN);
    writeFixed(input, n, l);
    writeFixed(input, hs, 2 * l);
    byte[] digest = sha256(input.array());
    return new KeyFingerprint(ByteBuffer.wrap(digest, 0, KeyFingerprint.BYTES).getLong());
  }

  private static void writePublicKeyBody(ByteBuffer out, PaillierPublicKey key) {
    int l = key.modulusBits() / 8;
    out.putShort((short) key.modulusBits());
    out.putShort((short) key.randomizerBits());
    writeFixed(out, key.n(), l);
    writeFixed(out, key.hs(), 2 * l);
  }

  /**
   * The declared modulus size, once it and the declared randomizer length are known to be
   * supported: checked before the length, so a key of an unsupported size is refused for that
   * reason, and before anything is read, allocated or computed from the key's body.
   */
  private static int peekModulusBits(ByteBuffer in, int totalLength) {
    if (in.remaining() < 4) {
      throw new MalformedEncodingException("key encoding is truncated: " + totalLength + " bytes");
    }
    int modulusBits = Short.toUnsignedInt(in.getShort(in.position()));
    int randomizerBits = Short.toUnsignedInt(in.getShort(in.position() + 2));
    PaillierParameters.requireSupported(modulusBits, randomizerBits);
    return modulusBits;
  }

  /** Reads the public-key body; {@code trailingBytes} follow it (the secret factors). */
  private static PaillierPublicKey readPublicKeyBody(
      ByteBuffer in, int totalLength, int trailingBytes, int windowBits) {
    int modulusBits = peekModulusBits(in, totalLength);
    int l = modulusBits / 8;
    int expected = HEADER_BYTES + 4 + 3 * l + trailingBytes;
    if (totalLength != expected) {
      throw new MalformedEncodingException(
          "key encoding for a " + modulusBits + "-bit modulus must be " + expected + " bytes, got "
              + totalLength);
    }
    in.getShort();
    int randomizerBits = Short.toUnsignedInt(in.getShort());
    BigInteger n = readFixed(in, l);
    if (n.bitLength() != modulusBits) {
      throw new InvalidHeKeyException(
          "modulus has " + n.bitLength() + " bits but the encoding declares " + modulusBits);
    }
    BigInteger hs = readFixed(in, 2 * l);
    return PaillierPublicKey.create(n, hs, randomizerBits, windowBits);
  }

  private static ByteBuffer header(byte kind, int bodyBytes) {
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + bodyBytes);
    out.put(MAGIC_0).put(MAGIC_1).put(kind).put(SCHEME_PAILLIER).put(VERSION);
    return out;
  }

  private static ByteBuffer readHeader(byte[] encoded, byte expectedKind, String what) {
    if (encoded == null || encoded.length < HEADER_BYTES) {
      throw new MalformedEncodingException(what + " encoding is shorter than its 5-byte header");
    }
    if (encoded[0] != MAGIC_0 || encoded[1] != MAGIC_1) {
      throw new MalformedEncodingException(what + " encoding does not start with the 'HE' magic");
    }
    if (encoded[2] != expectedKind) {
      throw new MalformedEncodingException(
          "expected a " + what + " encoding but found " + kindName(encoded[2]));
    }
    if (encoded[3] != SCHEME_PAILLIER) {
      throw new MalformedEncodingException(
          what + " encoding is for scheme id " + encoded[3] + ", not Paillier (" + SCHEME_PAILLIER + ")");
    }
    if (encoded[4] != VERSION) {
      throw new MalformedEncodingException(
          "unsupported " + what + " encoding version " + Byte.toUnsignedInt(encoded[4])
              + " (supported: " + VERSION + ")");
    }
    ByteBuffer in = ByteBuffer.wrap(encoded);
    in.position(HEADER_BYTES);
    return in;
  }

  private static String kindName(byte kind) {
    return switch (kind) {
      case KIND_PUBLIC_KEY -> "a public key";
      case KIND_SECRET_KEY -> "a secret key";
      case KIND_CIPHERTEXT -> "a ciphertext";
      default -> "unknown kind " + Byte.toUnsignedInt(kind);
    };
  }

  /** Unsigned big-endian, left-padded to exactly {@code width} bytes. */
  private static void writeFixed(ByteBuffer out, BigInteger value, int width) {
    byte[] raw = value.toByteArray();
    int offset = raw.length > 1 && raw[0] == 0 ? 1 : 0; // drop the sign byte
    int length = raw.length - offset;
    if (value.signum() < 0 || length > width) {
      throw new IllegalStateException("value does not fit in " + width + " bytes");
    }
    for (int i = length; i < width; i++) {
      out.put((byte) 0);
    }
    out.put(raw, offset, length);
  }

  private static BigInteger readFixed(ByteBuffer in, int width) {
    byte[] raw = new byte[width];
    in.get(raw);
    return new BigInteger(1, raw);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }
}
