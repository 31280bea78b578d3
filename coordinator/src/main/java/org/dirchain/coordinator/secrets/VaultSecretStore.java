package org.dirchain.coordinator.secrets;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets in HashiCorp Vault's KV secrets engine, version 2, through vault-java-driver. The secret
 * {@code org/3/chain-key} lives at {@code <mount>/data/<pathPrefix>/org/3/chain-key} as one field,
 * {@value #FIELD}, holding the value in Base64 (KV fields are strings). {@link #delete} removes the
 * key's metadata and every version, so a deleted chain key cannot be brought back by undelete.
 *
 * <p>Authentication is a Vault token (from the environment or a Vault Agent sink); renewing it is
 * the deployment's job (Vault Agent), not this class's.
 */
public final class VaultSecretStore implements SecretStore {
    static final String FIELD = "value";

    /** How to reach Vault; {@code token} is a credential and never printed. */
    public record Settings(
            String address,
            String token,
            String mount,
            String pathPrefix,
            String namespace,
            Duration openTimeout,
            Duration readTimeout,
            int maxRetries,
            Duration retryInterval) {

        @Override
        public String toString() {
            return "Vault[" + address + ", mount=" + mount + ", prefix=" + pathPrefix + "]";
        }
    }

    private final Settings settings;
    private final Vault vault;
    private final String basePath;

    public VaultSecretStore(Settings settings) {
        if (settings.address() == null || settings.address().isBlank()) {
            throw new IllegalArgumentException("Vault secret store needs an address (dirchain.coordinator.secrets.vault.address)");
        }
        if (settings.token() == null || settings.token().isBlank()) {
            throw new IllegalArgumentException("Vault secret store needs a token "
                    + "(dirchain.coordinator.secrets.vault.token, e.g. from DIRCHAIN_COORDINATOR_SECRETS_VAULT_TOKEN)");
        }
        this.settings = settings;
        String mount = trimSlashes(settings.mount());
        String prefix = trimSlashes(settings.pathPrefix());
        this.basePath = prefix.isEmpty() ? mount : mount + "/" + prefix;
        try {
            VaultConfig config = new VaultConfig()
                    .address(trimTrailingSlash(settings.address()))
                    .token(settings.token())
                    .openTimeout(seconds(settings.openTimeout()))
                    .readTimeout(seconds(settings.readTimeout()))
                    // the mount may have several segments; "data"/"metadata" go right after it
                    .prefixPath(mount);
            if (settings.namespace() != null && !settings.namespace().isBlank()) {
                config.nameSpace(settings.namespace());
            }
            // Engine version fixed to 2: the driver then never asks sys/mounts (which needs more rights).
            this.vault = Vault.create(config.build(), 2)
                    .withRetries(settings.maxRetries(), (int) settings.retryInterval().toMillis());
        } catch (VaultException e) {
            throw new SecretStoreException("invalid Vault configuration " + settings + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(String name) {
        String path = path(name);
        LogicalResponse response;
        try {
            response = vault.logical().read(path);
        } catch (VaultException e) {
            throw failure("read", name, e);
        }
        int status = response.getRestResponse().getStatus();
        if (status == 404) {
            return Optional.empty();
        }
        requireSuccess(status, "read", name, response);
        String encoded = response.getData().get(FIELD);
        if (encoded == null) {
            throw new SecretStoreException("Vault secret " + path + " has no field '" + FIELD + "'");
        }
        try {
            return Optional.of(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new SecretStoreException("Vault secret " + path + " field '" + FIELD + "' is not Base64", e);
        }
    }

    @Override
    public void put(String name, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("secret value must not be null");
        }
        String path = path(name);
        try {
            LogicalResponse response = vault.logical()
                    .write(path, Map.of(FIELD, Base64.getEncoder().encodeToString(value)));
            requireSuccess(response.getRestResponse().getStatus(), "write", name, response);
        } catch (VaultException e) {
            throw failure("write", name, e);
        }
    }

    @Override
    public boolean delete(String name) {
        boolean existed = get(name).isPresent();
        try {
            vault.logical().delete(path(name));
        } catch (VaultException e) {
            throw failure("delete", name, e);
        }
        return existed;
    }

    @Override
    public String description() {
        return "vault:" + settings.address() + "/v1/" + basePath;
    }

    private String path(String name) {
        return basePath + "/" + SecretNames.requireValid(name);
    }

    private void requireSuccess(int status, String what, String name, LogicalResponse response) {
        if (status != 200 && status != 204) {
            String body = new String(response.getRestResponse().getBody(), StandardCharsets.UTF_8);
            throw new SecretStoreException("Vault refused to " + what + " secret '" + name + "': HTTP " + status
                    + " " + abbreviate(body));
        }
    }

    private SecretStoreException failure(String what, String name, VaultException e) {
        return new SecretStoreException("cannot " + what + " secret '" + name + "' in Vault at "
                + settings.address() + ": HTTP " + e.getHttpStatusCode() + " " + abbreviate(e.getMessage()), e);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, d.toSeconds());
    }

    private static String trimSlashes(String s) {
        String t = s == null ? "" : s.trim();
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static String trimTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
