package org.dirchain.he.paillier;

/**
 * Parameters of {@link PaillierScheme}.
 *
 * @param modulusBits bit length of {@code n = pq}; at least 2048 (about 112-bit security, NIST SP
 *     800-57 Part 1 Table 2) and a multiple of 16
 * @param randomizerBits bit length of the short random exponent {@code α} in {@code hs^α}; at
 *     least {@link #minimumRandomizerBits(int)} (448 for 2048-bit moduli)
 * @param fixedBaseWindowBits window of the fixed-base table for {@code hs^α}: a local speed/memory
 *     trade-off (10 bits: 45 multiplications, ~30 MB per public key used for encryption), not
 *     part of the key
 */
public record PaillierParameters(int modulusBits, int randomizerBits, int fixedBaseWindowBits) {

  public static final int MIN_MODULUS_BITS = 2048;
  public static final int DEFAULT_MODULUS_BITS = 2048;
  public static final int DEFAULT_WINDOW_BITS = 10;

  public PaillierParameters {
    if (modulusBits < MIN_MODULUS_BITS) {
      throw new IllegalArgumentException(
          "Paillier modulus must have at least " + MIN_MODULUS_BITS + " bits, got " + modulusBits);
    }
    if (modulusBits % 16 != 0) {
      throw new IllegalArgumentException("modulus bits must be a multiple of 16, got " + modulusBits);
    }
    if (randomizerBits < minimumRandomizerBits(modulusBits) || randomizerBits > modulusBits) {
      throw new IllegalArgumentException(
          "randomizer bits for a " + modulusBits + "-bit modulus must be in ["
              + minimumRandomizerBits(modulusBits) + ", " + modulusBits + "], got " + randomizerBits);
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
