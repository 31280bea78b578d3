package org.dirchain.he.paillier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.dirchain.he.HeCiphertext;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.he.InvalidHeKeyException;
import org.dirchain.he.KeyMismatchException;
import org.dirchain.he.UnknownSchemeException;
import org.junit.jupiter.api.Test;

class PaillierKeyTest {

  private final PaillierScheme scheme = TestKeys.SCHEME;

  @Test
  void generatedKeyHasTheRequiredStructure() {
    PaillierSecretKey sk = (PaillierSecretKey) TestKeys.first().secretKey();
    BigInteger p = sk.p();
    BigInteger q = sk.q();
    BigInteger n = sk.publicKey().n();
    assertEquals(2048, n.bitLength());
    assertEquals(p.multiply(q), n);
    assertEquals(1024, p.bitLength());
    assertEquals(1024, q.bitLength());
    assertTrue(p.isProbablePrime(64) && q.isProbablePrime(64));
    assertEquals(BigInteger.valueOf(3), p.mod(BigInteger.valueOf(4)));
    assertEquals(BigInteger.valueOf(3), q.mod(BigInteger.valueOf(4)));
    BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
    assertEquals(BigInteger.ONE, n.gcd(phi));
    // hs is an n-th residue: its order divides phi(n), so decryption kills it.
    assertEquals(BigInteger.ONE, sk.publicKey().hs().modPow(phi, n.multiply(n)));
    assertEquals(448, sk.publicKey().randomizerBits());
  }

  @Test
  void decryptingWithAnotherKeysSecretKeyIsRejected() {
    HeKeyPair a = TestKeys.first();
    HeKeyPair b = TestKeys.second();
    assertNotEquals(a.publicKey().fingerprint(), b.publicKey().fingerprint());
    HeCiphertext c = scheme.encrypt(a.publicKey(), BigInteger.valueOf(7));
    KeyMismatchException e =
        assertThrows(KeyMismatchException.class, () -> scheme.decrypt(b.secretKey(), c));
    assertTrue(e.getMessage().contains(a.publicKey().fingerprint().toHex()), e.getMessage());
  }

  @Test
  void ciphertextsUnderDifferentKeysCannotBeAdded() {
    HeCiphertext a = scheme.encrypt(TestKeys.first().publicKey(), BigInteger.ONE);
    HeCiphertext b = scheme.encrypt(TestKeys.second().publicKey(), BigInteger.ONE);
    assertThrows(KeyMismatchException.class, () -> scheme.add(a, b));
  }

  @Test
  void keyPairRecordRefusesMismatchedHalves() {
    assertThrows(KeyMismatchException.class,
        () -> new HeKeyPair(TestKeys.first().publicKey(), TestKeys.second().secretKey()));
  }

  @Test
  void modulusBelow2048BitsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PaillierParameters(1024, 448, 10));
    BigInteger p = BigInteger.probablePrime(512, new SecureRandom());
    BigInteger q = BigInteger.probablePrime(512, new SecureRandom());
    BigInteger n = p.multiply(q);
    assertThrows(InvalidHeKeyException.class,
        () -> PaillierPublicKey.create(n, PaillierKeyGenerator.hsFor(n, BigInteger.TWO), 448, 10));
  }

  @Test
  void randomizerShorterThanTheSecurityLevelIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PaillierParameters(2048, 256, 10));
    PaillierPublicKey pk = (PaillierPublicKey) TestKeys.first().publicKey();
    assertThrows(InvalidHeKeyException.class, () -> PaillierPublicKey.create(pk.n(), pk.hs(), 256, 10));
  }

  @Test
  void evenOrPrimeModulusIsRefused() {
    PaillierPublicKey pk = (PaillierPublicKey) TestKeys.first().publicKey();
    BigInteger even = pk.n().add(BigInteger.ONE);
    InvalidHeKeyException e = assertThrows(InvalidHeKeyException.class,
        () -> PaillierPublicKey.create(even, pk.hs(), 448, 10));
    assertTrue(e.getMessage().contains("even"), e.getMessage());
    BigInteger prime = BigInteger.probablePrime(2048, new SecureRandom());
    assertThrows(InvalidHeKeyException.class, () -> PaillierPublicKey.create(prime, BigInteger.TWO, 448, 10));
  }

  @Test
  void degenerateHsIsRefused() {
    PaillierPublicKey pk = (PaillierPublicKey) TestKeys.first().publicKey();
    BigInteger minusOne = pk.nSquared().subtract(BigInteger.ONE);
    InvalidHeKeyException e = assertThrows(InvalidHeKeyException.class,
        () -> PaillierPublicKey.create(pk.n(), minusOne, 448, 10));
    assertTrue(e.getMessage().contains("order 2"), e.getMessage());
    assertThrows(InvalidHeKeyException.class, () -> PaillierPublicKey.create(pk.n(), pk.n(), 448, 10));
  }

  @Test
  void secretKeyImportChecksTheFactors() {
    PaillierSecretKey sk = (PaillierSecretKey) TestKeys.first().secretKey();
    PaillierPublicKey otherPk = (PaillierPublicKey) TestKeys.second().publicKey();
    assertThrows(InvalidHeKeyException.class,
        () -> PaillierSecretKey.validated(otherPk, sk.p(), sk.q()));
  }

  @Test
  void schemesAreDiscoverableByName() {
    assertInstanceOf(PaillierScheme.class, HomomorphicSchemes.byName("paillier"));
    assertInstanceOf(PaillierScheme.class, HomomorphicSchemes.byName("Paillier"));
    assertTrue(HomomorphicSchemes.names().contains("paillier"));
    UnknownSchemeException e =
        assertThrows(UnknownSchemeException.class, () -> HomomorphicSchemes.byName("seal"));
    assertTrue(e.getMessage().contains("paillier"), e.getMessage());
  }

  @Test
  void secretKeyToStringHidesTheFactors() {
    PaillierSecretKey sk = (PaillierSecretKey) TestKeys.first().secretKey();
    String text = sk.toString();
    assertTrue(text.contains(sk.fingerprint().toHex()));
    assertTrue(!text.contains(sk.p().toString()) && !text.contains(sk.p().toString(16)));
  }
}
