package org.dirchain.coordinator.secrets;

import java.util.Optional;

/**
 * Where the coordinator keeps secrets: organisations' chain signing keys, homomorphic-encryption
 * keys and the like. Values are opaque bytes; names are paths such as {@code org/3/chain-key}
 * (see {@link SecretNames} for the allowed form). Implementations must be safe for concurrent use.
 * The coordinator depends on this interface only; {@link Pkcs12SecretStore} is the embedded default
 * and {@link VaultSecretStore} the production choice.
 */
public interface SecretStore {

    /** The value stored under {@code name}, or empty if there is none. */
    Optional<byte[]> get(String name);

    /** Stores {@code value} under {@code name}, replacing any previous value. */
    void put(String name, byte[] value);

    /** Removes the secret; returns whether there was one. */
    boolean delete(String name);

    /** Where the secrets live, for logs (never includes a secret or a credential). */
    String description();
}
