package org.dirchain.chain;

import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dirchain.chain.errors.Reverts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many threads sending from one account: every transaction lands, no nonce is lost or reused. */
class NonceConcurrencyTest {
    static DirectoryFixture f;

    @BeforeAll
    static void start() {
        f = DirectoryFixture.startWithConsortium();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void concurrentWritesFromOneAccountAllLandWithDistinctIds() throws Exception {
        AssetCatalog catalog = f.as(HOSPITAL).catalog();
        long before = catalog.count();
        int threads = 8;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                futures.add(pool.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        if (thread == 0 && i % 5 == 0) {
                            // a refused write in the middle must not leave a nonce gap behind
                            assertThrows(Reverts.UnknownAsset.class, () -> catalog.retire(10_000_000L));
                        }
                        ids.add(catalog.register(f.draft(f.nodeAOrg, List.of(), 1)));
                    }
                    return ids;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> fu : futures) {
                all.addAll(fu.get());
            }
            assertEquals(threads * perThread, all.size(), "every registration got its own id");
            assertEquals(before + threads * perThread, catalog.count());
        } finally {
            pool.shutdownNow();
        }
    }
}
