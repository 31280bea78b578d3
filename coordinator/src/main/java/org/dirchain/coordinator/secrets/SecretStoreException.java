package org.dirchain.coordinator.secrets;

/** The secret store could not be read or written (I/O, wrong password, Vault refused or unreachable). */
public class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
