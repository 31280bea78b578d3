package org.dirchain.node.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumbersTest {

  private static long parse(String s) {
    return Numbers.parseLong(s.toCharArray(), 0, s.length());
  }

  @Test
  void parseLongAcceptsSignsAndFullRange() {
    assertEquals(0, parse("0"));
    assertEquals(42, parse("+42"));
    assertEquals(-7, parse("-007"));
    assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
  }

  @Test
  void parseLongRefusesOverflowAndJunk() {
    for (String bad : new String[] {"9223372036854775808", "-9223372036854775809", "", "-", "1.0", " 1", "1e3", "１"}) {
      assertThrows(NumberFormatException.class, () -> parse(bad), bad);
    }
  }

  @Test
  void decimalSyntax() {
    for (String ok : new String[] {"1", "-1.5", "+.5", "5.", "1e3", "1E-3", "2.5e+10", "0.000"}) {
      assertTrue(Numbers.isDecimal(ok), ok);
      assertEquals(0, new BigDecimal(ok).compareTo(Numbers.parseDecimal(ok)));
    }
    for (String bad : new String[] {"", ".", "e3", "1e", "1e1000", "NaN", "Infinity", " 1", "1 ", "1,5", "0x10", "--1"}) {
      assertFalse(Numbers.isDecimal(bad), bad);
    }
  }

  @Test
  void canonicalDecimalText() {
    assertEquals("1.5", Numbers.canonical(new BigDecimal("1.50")));
    assertEquals("0", Numbers.canonical(new BigDecimal("0.000")));
    assertEquals("0", Numbers.canonical(new BigDecimal("-0.0")));
    assertEquals("1000", Numbers.canonical(new BigDecimal("1e3")));
    assertEquals("100", Numbers.canonical(new BigDecimal("100.00")));
    assertEquals("-0.001", Numbers.canonical(new BigDecimal("-1E-3")));
  }
}
