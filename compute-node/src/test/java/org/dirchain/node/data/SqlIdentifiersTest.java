package org.dirchain.node.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {

  @Test
  void quotesPlainAndQualifiedNames() {
    assertEquals("\"patients\"", SqlIdentifiers.quoteQualified("patients"));
    assertEquals("\"clinic\".\"Visits\"", SqlIdentifiers.quoteQualified("clinic.Visits"));
    assertEquals("\"order\"", SqlIdentifiers.quote("order"));
    assertEquals("\"_x9\"", SqlIdentifiers.quote("_x9"));
  }

  @Test
  void refusesAnythingElse() {
    String[] bad = {"patients; DROP TABLE x", "patients\"; DROP TABLE x; --", "a.b.c", ".a", "a.", "", " a",
        "a b", "1abc", "age) FROM x; --", "na\u00efve", "x".repeat(64), "a--b", "a/*b*/"};
    for (String name : bad) {
      InvalidIdentifierException e = assertThrows(InvalidIdentifierException.class,
          () -> SqlIdentifiers.quoteQualified(name), name);
      assertTrue(e.getMessage().contains("plain identifier"), e.getMessage());
    }
    assertThrows(InvalidIdentifierException.class, () -> SqlIdentifiers.quote("a.b"));
    assertThrows(InvalidIdentifierException.class, () -> SqlIdentifiers.quoteQualified(null));
  }
}
