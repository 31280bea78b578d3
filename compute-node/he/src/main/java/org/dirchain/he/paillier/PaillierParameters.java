package org.dirchain.he.paillier;

import java.util.Set;
import org.dirchain.he.InvalidHeKeyException;

/**
 * Parameters of {@link PaillierScheme}.
 *
 * @param modulusBits bit length of {@code n = pq}: one of {@link #SUPPORTED_MODULUS_BITS}, 2048
 *     (about 112-bit security, NIST SP 800-57 Part 1 Table 2) or 3072 (about 128-bit)
 * @param randomizerBits bit length of the short random exponent {@code α} in {@code hs^α}; from
 *     {@link #minimumRandomizerBits(int)} (448 for 2048-bit moduli) to
 *     {@link #maximumRandomizerBits(int)} ({@code |n|/2})
 * @param fixedBaseWindowBits window of the fixed-base table for {@code hs^α}: a local speed/memory
 *     trade-off (10 bits: 45 multiplications, ~30 MB per public key used for encryption), not
 *     part of the key
 */
public record PaillierParameters(int modulusBits, int randomizerBits, int fixedBaseWindowBits) {

  public static final int MIN_MODULUS_BITS = 2048;
  /**
   * The only modulus sizes a key may have. Keys arrive from requesters over the network, and the
   * cost of checking and using one grows with its size (primality and square tests, a fixed-base
   * table that grows with both {@code |n|} and ℓ): a short fixed list bounds that work before any
   * of it is done.
   */
  public static final Set<Integer> SUPPORTED_MODULUS_BITS = Set.of(2048, 3072);
  public static final int DEFAULT_MODULUS_BITS = 2048;
  public static final int DEFAULT_WINDOW_BITS = 10;

  public PaillierParameters {
    try {
      requireSupported(modulusBits, randomizerBits);
    } catch (InvalidHeKeyException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    if (fixedBaseWindowBits < 1 || fixedBaseWindowBits > 16) {
      throw new IllegalArgumentException(
          "fixed-base window bits must be in [1, 16], got " + fixedBaseWindowBits);
    }
  }

  /** 2048-bit modulus, 448-bit randomizer, 10-bit window. */
  public static PaillierParameters defaults() {
    return forModulusBits(DEFAULT_MODULUS_BITS);
  }

  /** The given modulus size with the matching minimum randomizer length and default window. */
  public static PaillierParameters forModulusBits(int modulusBits) {
    return new PaillierParameters(
        modulusBits, minimumRandomizerBits(modulusBits), DEFAULT_WINDOW_BITS);
  }

  /**
   * Checks a key's declared sizes; cheap, so done before anything is read or computed from a key.
   *
   * @throws InvalidHeKeyException naming the size that is not supported
   */
  static void requireSupported(int modulusBits, int randomizerBits) {
    if (!SUPPORTED_MODULUS_BITS.contains(modulusBits)) {
      throw new InvalidHeKeyException(
          "Paillier modulus size " + modulusBits + " bits is not supported (supported: 2048, 3072)");
    }
    int min = minimumRandomizerBits(modulusBits);
    int max = maximumRandomizerBits(modulusBits);
    if (randomizerBits < min || randomizerBits > max) {
      throw new InvalidHeKeyException(
          "randomizer length " + randomizerBits + " bits is outside [" + min + ", " + max
              + "] for a " + modulusBits + "-bit modulus");
    }
  }

  /**
   * The longest randomizer a key may ask for: {@code ⌈|n|/2⌉}, the exponent length Damgård, Jurik
   * and Nielsen use for {@code hs^α} (IJIS 9(6), 2010) and SecretFlow HEU ships; a longer one
   * adds no security and only grows every encryptor's fixed-base table.
   */
  public static int maximumRandomizerBits(int modulusBits) {
    return (modulusBits + 1) / 2;
  }

  /**
   * Short-exponent length per security level, as used by Ma, Han and Lei (ACSAC 2021) and their
   * reference implementation: 448 bits for 112-bit security (2048-bit n), 512 for 128-bit (3072),
   * 768 for 192-bit (7680), i.e. four times the security level.
   */
  public static int minimumRandomizerBits(int modulusBits) {
    if (modulusBits >= 7680) {
      return 768;
    }
    if (modulusBits >= 3072) {
      return 512;
    }
    return 448;
  }

  /** Symmetric-equivalent security of the modulus per NIST SP 800-57 Part 1, Table 2. */
  public static int securityBits(int modulusBits) {
    if (modulusBits >= 15360) {
      return 256;
    }
    if (modulusBits >= 7680) {
      return 192;
    }
    if (modulusBits >= 3072) {
      return 128;
    }
    return 112;
  }
}
