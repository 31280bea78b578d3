package org.dirchain.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The PRG is a function of its seed alone, and both ends of a pair derive the same mask. */
class MaskGeneratorTest {

  @Test
  void thePrgIsDeterministicAndAPrefixOfItsLongerOutput() {
    byte[] seed = new byte[32];
    seed[0] = 1;
    long[] longer = MaskGenerator.prg(seed, 20_000); // spans several internal chunks
    assertArrayEquals(MaskGenerator.prg(seed, 20_000), longer);
    assertArrayEquals(MaskGenerator.prg(seed, 9), Arrays.copyOf(longer, 9));
    assertArrayEquals(MaskGenerator.prg(seed, 8193), Arrays.copyOf(longer, 8193));
    seed[0] = 2;
    assertFalse(Arrays.equals(MaskGenerator.prg(seed, 9), Arrays.copyOf(longer, 9)));
  }

  @Test
  void bothEndsOfAPairDeriveTheSameMaskOnlyInTheSameSession() {
    var a = X25519Keys.generate(SessionHarness.RANDOM);
    var b = X25519Keys.generate(SessionHarness.RANDOM);
    SessionId s = new SessionId(1, "EVAL", 3, 0);
    long[] fromA = MaskGenerator.pairMask(a.getPrivate(), X25519Keys.toRaw(b.getPublic()), s, 4, 9, 16);
    long[] fromB = MaskGenerator.pairMask(b.getPrivate(), X25519Keys.toRaw(a.getPublic()), s, 9, 4, 16);
    assertArrayEquals(fromA, fromB);
    long[] nextRound = MaskGenerator.pairMask(a.getPrivate(), X25519Keys.toRaw(b.getPublic()), new SessionId(1, "EVAL", 4, 0), 4, 9, 16);
    assertFalse(Arrays.equals(fromA, nextRound));
    assertEquals(1, MaskGenerator.sign(4, 9));
    assertEquals(-1, MaskGenerator.sign(9, 4));
  }

  @Test
  void theSelfMaskIsDomainSeparatedFromThePairMask() {
    byte[] seed = new byte[32];
    SessionId s = new SessionId(1, "FIT", 1, 0);
    assertFalse(Arrays.equals(MaskGenerator.selfMask(seed, s, 8), MaskGenerator.prg(SessionKdf.pairMaskSeed(seed, s, 0, 0), 8)));
  }
}
