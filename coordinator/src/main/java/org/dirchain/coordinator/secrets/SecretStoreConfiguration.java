package org.dirchain.coordinator.secrets;

import java.nio.file.Path;
import org.dirchain.coordinator.CoordinatorProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the {@link SecretStore} by {@code dirchain.coordinator.secrets.store} (pkcs12 or vault). */
@Configuration(proxyBeanMethods = false)
class SecretStoreConfiguration {
    private static final String STORE = "dirchain.coordinator.secrets.store";

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "pkcs12", matchIfMissing = true)
    SecretStore pkcs12SecretStore(CoordinatorProperties properties) {
        CoordinatorProperties.Pkcs12 p = properties.secrets().pkcs12();
        Path file = p.path() != null ? p.path() : properties.dataDir().resolve("secrets.p12");
        String password = p.password();
        return new Pkcs12SecretStore(file, password == null ? null : password.toCharArray());
    }

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "vault")
    SecretStore vaultSecretStore(CoordinatorProperties properties) {
        CoordinatorProperties.Vault v = properties.secrets().vault();
        return new VaultSecretStore(new VaultSecretStore.Settings(
                v.address() == null ? null : v.address().toString(), v.token(), v.mount(), v.pathPrefix(),
                v.namespace(), v.openTimeout(), v.readTimeout(), v.maxRetries(), v.retryInterval()));
    }

    @Bean
    OrganisationKeys organisationKeys(SecretStore store) {
        return new OrganisationKeys(store);
    }

    @Bean
    ManagedHeKeys managedHeKeys(SecretStore store) {
        return new ManagedHeKeys(store, org.dirchain.he.HomomorphicSchemes.byName("paillier"));
    }
}
