package org.dirchain.coordinator.secrets;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Each organisation's chain signing key, kept in the {@link SecretStore} under
 * {@code org/<id>/chain-key} as the raw 32-byte secp256k1 private key. Every chain write the
 * coordinator makes for an organisation is signed with that organisation's own key, so the chain
 * (not the coordinator) decides what the organisation may do, and the audit trail names it.
 *
 * <p>Resolved keys are cached: the chain connection keeps a transaction manager per signer for the
 * life of the process anyway, so the cache adds no exposure, and it spares a keystore decryption
 * (or a Vault round trip) per request.
 */
public final class OrganisationKeys {
    private static final int KEY_BYTES = 32;

    private final SecretStore store;
    private final Map<Long, Credentials> cache = new ConcurrentHashMap<>();

    public OrganisationKeys(SecretStore store) {
        this.store = store;
    }

    public static String chainKeyName(long orgId) {
        if (orgId <= 0) {
            throw new IllegalArgumentException("organisation id must be positive, got " + orgId);
        }
        return "org/" + orgId + "/chain-key";
    }

    /** The organisation's signing credentials, or empty when none were registered. */
    public Optional<Credentials> credentials(long orgId) {
        Credentials cached = cache.get(orgId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return store.get(chainKeyName(orgId)).map(bytes -> {
            try {
                Credentials c = toCredentials(bytes);
                cache.put(orgId, c);
                return c;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        });
    }

    /** Stores the organisation's private key (replacing any previous one); returns its credentials. */
    public Credentials register(long orgId, byte[] privateKey) {
        Credentials c = toCredentials(privateKey);
        store.put(chainKeyName(orgId), privateKey);
        cache.put(orgId, c);
        return c;
    }

    /** Removes the organisation's key; returns whether there was one. */
    public boolean forget(long orgId) {
        cache.remove(orgId);
        return store.delete(chainKeyName(orgId));
    }

    /** Parses a raw 32-byte secp256k1 private key, refusing 0 and values not below the curve order. */
    public static Credentials toCredentials(byte[] privateKey) {
        if (privateKey == null || privateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("a chain private key is " + KEY_BYTES + " bytes, got "
                    + (privateKey == null ? "none" : privateKey.length));
        }
        BigInteger d = Numeric.toBigInt(privateKey);
        if (d.signum() == 0 || d.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new IllegalArgumentException("not a valid secp256k1 private key");
        }
        return Credentials.create(ECKeyPair.create(d));
    }
}
