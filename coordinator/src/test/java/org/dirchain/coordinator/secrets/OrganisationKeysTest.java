package org.dirchain.coordinator.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

class OrganisationKeysTest {
    @TempDir
    Path dir;

    @Test
    void resolvesTheKeyStoredUnderTheOrganisationsName() throws Exception {
        Pkcs12SecretStore store = new Pkcs12SecretStore(dir.resolve("s.p12"), "pw".toCharArray());
        Credentials original = Credentials.create(Keys.createEcKeyPair());
        byte[] raw = Numeric.toBytesPadded(original.getEcKeyPair().getPrivateKey(), 32);

        Credentials registered = new OrganisationKeys(store).register(4, raw);
        assertThat(registered.getAddress()).isEqualTo(original.getAddress());
        assertThat(store.get("org/4/chain-key")).hasValueSatisfying(v -> assertThat(v).isEqualTo(raw));

        // a fresh instance (new process) reads it back from the store
        OrganisationKeys fresh = new OrganisationKeys(new Pkcs12SecretStore(dir.resolve("s.p12"), "pw".toCharArray()));
        assertThat(fresh.credentials(4)).hasValueSatisfying(c -> assertThat(c.getAddress()).isEqualTo(original.getAddress()));
        assertThat(fresh.credentials(5)).isEmpty();

        assertThat(fresh.forget(4)).isTrue();
        assertThat(fresh.credentials(4)).isEmpty();
    }

    @Test
    void refusesWhatIsNotASecp256k1PrivateKey() {
        assertThatThrownBy(() -> OrganisationKeys.toCredentials(new byte[31])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> OrganisationKeys.toCredentials(new byte[32])).hasMessageContaining("not a valid");
        byte[] tooLarge = new byte[32];
        Arrays.fill(tooLarge, (byte) 0xff); // above the curve order
        assertThatThrownBy(() -> OrganisationKeys.toCredentials(tooLarge)).hasMessageContaining("not a valid");
        assertThatThrownBy(() -> OrganisationKeys.chainKeyName(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
