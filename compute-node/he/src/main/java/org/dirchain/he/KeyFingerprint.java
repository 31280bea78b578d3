package org.dirchain.he;

import java.util.HexFormat;

/**
 * 64-bit identifier of a key pair (a truncated hash of the public key). It tells keys apart and
 * catches mix-ups; it is not a MAC and proves nothing about who made a ciphertext.
 */
public record KeyFingerprint(long value) {

  public static final int BYTES = Long.BYTES;

  public String toHex() {
    return HexFormat.of().toHexDigits(value);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
