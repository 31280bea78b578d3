package org.dirchain.coordinator.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link SecretStore} must do; each implementation's test runs these against it. */
abstract class SecretStoreContract {

    abstract SecretStore store();

    @Test
    void missingSecretIsEmpty() {
        assertThat(store().get("org/404/chain-key")).isEmpty();
    }

    @Test
    void storesReadsAndReplacesBinaryValues() {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i; // every byte value, including 0x00 and 0xff
        }
        store().put("org/1/chain-key", value);
        assertThat(store().get("org/1/chain-key")).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));

        store().put("org/1/chain-key", "second".getBytes(StandardCharsets.UTF_8));
        assertThat(store().get("org/1/chain-key").map(String::new)).contains("second");
    }

    @Test
    void keepsEmptyValues() {
        store().put("he/empty", new byte[0]);
        assertThat(store().get("he/empty")).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    @Test
    void deleteRemovesAndReportsWhetherThereWasASecret() {
        store().put("org/2/he-key", new byte[] {1, 2, 3});
        assertThat(store().delete("org/2/he-key")).isTrue();
        assertThat(store().get("org/2/he-key")).isEmpty();
        assertThat(store().delete("org/2/he-key")).isFalse();
    }

    @Test
    void namesAreIndependent() {
        store().put("org/3/a", new byte[] {3});
        store().put("org/30/a", new byte[] {30});
        assertThat(store().get("org/3/a")).hasValueSatisfying(v -> assertThat(v).containsExactly(3));
        assertThat(store().get("org/30/a")).hasValueSatisfying(v -> assertThat(v).containsExactly(30));
    }

    @Test
    void refusesNamesOutsideTheRule() {
        for (String bad : new String[] {"", "Org/1", "org//1", "/org", "org/", "org/../x", "org/.hidden", "a b",
                "x".repeat(201)}) {
            assertThatThrownBy(() -> store().put(bad, new byte[] {1})).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store().get(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void concurrentWritersDoNotLoseEntries() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                done.add(pool.submit(() -> store().put("concurrent/" + n, new byte[] {(byte) n})));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 16; i++) {
            Optional<byte[]> v = store().get("concurrent/" + i);
            assertThat(v).as("entry %d", i).hasValueSatisfying(b -> assertThat(b).hasSize(1));
        }
    }
}
