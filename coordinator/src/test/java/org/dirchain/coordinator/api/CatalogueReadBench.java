package org.dirchain.coordinator.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.dirchain.chain.DirectoryFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test (its name keeps it out of the test run): catalogue reads at a fixed
 * request rate against the running coordinator, served from the event index. Open loop: a
 * request's latency counts from when it was due, so a stall is not hidden by the generator
 * waiting for it (no coordinated omission). Run:
 * {@code ./mvnw -B -q -pl coordinator test -Dtest=CatalogueReadBench -Dbench.rate=500 -Dbench.seconds=20}
 * and copy the printed table into docs/performance.md.
 */
// Named in -Dtest only: a pattern such as org.dirchain.coordinator.** must not start its context
@EnabledIfSystemProperty(named = "test", matches = ".*CatalogueReadBench.*",
        disabledReason = "a benchmark, not a test: run it with -Dtest=CatalogueReadBench")
class CatalogueReadBench extends ApiTestBase {
    /** One key at many requests a second: the partner rate limit would be what is measured. */
    @DynamicPropertySource
    static void noRateLimit(DynamicPropertyRegistry registry) {
        registry.add("dirchain.coordinator.rate-limit.enabled", () -> "false");
    }

    @Test
    void catalogueReadsAtAFixedRate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int assets = Integer.getInteger("bench.assets", 300);
        var provider = F.as(DirectoryFixture.HOSPITAL).catalog();
        for (int i = 0; i < assets; i++) {
            provider.register(F.draft(F.nodeAOrg, List.of(), 1));
        }
        String key = keyOf(DirectoryFixture.REQUESTER);
        as(DirectoryFixture.REQUESTER).get("/api/v1/assets?limit=1"); // the index catches up and the JIT warms
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(16)).build();
        String base = "http://127.0.0.1:" + port;
        String[] paths = {"/api/v1/assets?tag=diabetes&limit=20", "/api/v1/assets/" + (1 + assets / 2),
            "/api/v1/assets?owner=" + F.hospitalOrg + "&limit=50", "/api/v1/organisations"};
        warmUp(http, base, key, paths, Math.min(rate, 200) * 5);

        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        // Blocking sends on a worker pool: on a 2-core machine the JDK's async completion stages run
        // on a new thread per task (common pool parallelism 1), which would measure the generator.
        ExecutorService workers = Executors.newFixedThreadPool(64);
        List<Future<?>> inFlight = new ArrayList<>(total);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            final int n = i;
            inFlight.add(workers.submit(() -> {
                try {
                    int status = http.send(get(base, paths[n % paths.length], key),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                latencies[n] = System.nanoTime() - due;
            }));
        }
        for (Future<?> f : inFlight) {
            f.get();
        }
        workers.shutdown();
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        Arrays.sort(latencies);
        System.out.printf("%n| catalogue reads (%d assets indexed) | target rate | achieved | p50 | p90 | p99 | max | errors |%n",
                assets);
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| %d requests over %d s, 4 read paths | %d/s | %.0f/s | %s | %s | %s | %s | %d |%n", total,
                seconds, rate, achieved, ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                ms(latencies, 1.0), errors.get());
    }

    private static HttpRequest get(String base, String path, String key) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).GET().build();
    }

    private static void warmUp(HttpClient http, String base, String key, String[] paths, int n) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(http.sendAsync(get(base, paths[i % paths.length], key), HttpResponse.BodyHandlers.discarding()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private static String ms(long[] sorted, double q) {
        int i = Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1);
        return String.format("%.1f ms", sorted[Math.max(0, i)] / 1e6);
    }
}
