package org.dirchain.coordinator.secrets;

import java.util.Arrays;
import java.util.Optional;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HePublicKey;
import org.dirchain.he.HomomorphicScheme;

/**
 * The homomorphic key pairs the coordinator keeps for requesters that choose managed keys: one
 * Paillier pair per organisation, generated on its first managed job and kept in the
 * {@link SecretStore} under {@code org/<id>/he-paillier-secret} and {@code org/<id>/he-paillier-public}.
 * Jobs over several assets have their partials masked, so this key decrypts sums, never one
 * node's contribution; it does let the coordinator's operator read the requester's results, which
 * is what the client-side key mode is for.
 */
public final class ManagedHeKeys {
    private final SecretStore store;
    private final HomomorphicScheme scheme;

    public ManagedHeKeys(SecretStore store, HomomorphicScheme scheme) {
        this.store = store;
        this.scheme = scheme;
    }

    public static String secretName(long orgId) {
        return "org/" + requirePositive(orgId) + "/he-paillier-secret";
    }

    public static String publicName(long orgId) {
        return "org/" + requirePositive(orgId) + "/he-paillier-public";
    }

    public HomomorphicScheme scheme() {
        return scheme;
    }

    /** The organisation's managed public key, generated and stored on first use. */
    public synchronized HePublicKey publicKey(long orgId) {
        Optional<byte[]> stored = store.get(publicName(orgId));
        if (stored.isPresent()) {
            return scheme.deserializePublicKey(stored.get());
        }
        HeKeyPair pair = scheme.generateKeyPair();
        byte[] secret = scheme.serializeSecretKey(pair.secretKey());
        try {
            store.put(secretName(orgId), secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        store.put(publicName(orgId), scheme.serializePublicKey(pair.publicKey()));
        return pair.publicKey();
    }

    /** The organisation's managed key pair, if it ever had a managed job. */
    public Optional<HeKeyPair> keyPair(long orgId) {
        Optional<byte[]> publicKey = store.get(publicName(orgId));
        Optional<byte[]> secretKey = store.get(secretName(orgId));
        if (publicKey.isEmpty() || secretKey.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HeKeyPair(scheme.deserializePublicKey(publicKey.get()),
                    scheme.deserializeSecretKey(secretKey.get())));
        } finally {
            Arrays.fill(secretKey.get(), (byte) 0);
        }
    }

    private static long requirePositive(long orgId) {
        if (orgId <= 0) {
            throw new IllegalArgumentException("organisation id must be positive, got " + orgId);
        }
        return orgId;
    }
}
