package org.dirchain.chain.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.tx.MinedTransaction;

/**
 * Directory-chain throughput and gas: registers N assets, requests and approves N grants, each
 * from one client account on T threads, against the pinned anvil mining a block per transaction,
 * then on 4T threads against anvil mining 200 ms blocks (as a BFT network batches transactions).
 * Gas is metered on the second run. Prints Markdown tables for docs/performance.md. Arguments: {@code [N=2000] [T=16]}.
 */
public final class ChainBench {
    private record Phase(String mode, String name, int threads, int txs, double seconds) {}

    private ChainBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Map<String, long[]> gas = new ConcurrentHashMap<>(); // function -> {count, total}
        Consumer<MinedTransaction> meter = tx -> gas.compute(tx.function(), (k, v) -> v == null
                ? new long[] {1, tx.gasUsed().longValueExact()}
                : new long[] {v[0] + 1, v[1] + tx.gasUsed().longValueExact()});
        List<Phase> phases = new ArrayList<>();
        bench("automine", null, n, threads, phases, null);
        bench("200 ms blocks", Duration.ofMillis(200), n, threads * 4, phases, meter);
        System.out.println("\n| chain | phase | threads | transactions | seconds | tx/s |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (Phase p : phases) {
            System.out.printf("| %s | %s | %d | %d | %.2f | %.0f |%n", p.mode(), p.name(), p.threads(), p.txs(),
                    p.seconds(), p.txs() / p.seconds());
        }
        System.out.println("\n| function | transactions | mean gas used |");
        System.out.println("|---|---:|---:|");
        new TreeMap<>(gas).forEach((fn, v) -> System.out.printf("| %s | %d | %d |%n", fn, v[0], v[1] / v[0]));
        System.out.printf("%nJava %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
    }

    private static void bench(String mode, Duration blockTime, int n, int threads, List<Phase> phases,
            Consumer<MinedTransaction> meter) throws Exception {
        try (DirectoryFixture f = DirectoryFixture.startWithConsortium(blockTime)) {
            var hospital = f.as(DirectoryFixture.HOSPITAL);
            var requester = f.as(DirectoryFixture.REQUESTER);
            run(threads, 100, i -> hospital.catalog().register(f.draft(f.nodeAOrg, List.of(), 1))); // warm-up
            if (meter != null) {
                f.chain.addListener(meter);
            }
            phases.add(run(mode, "register asset", 1, n / 20,
                    i -> hospital.catalog().register(f.draft(f.nodeAOrg, List.of(), 1))));
            long[] assets = new long[n];
            phases.add(run(mode, "register asset", threads, n,
                    i -> assets[(int) i] = hospital.catalog().register(f.draft(f.nodeAOrg, List.of(), 1))));
            long[] grants = new long[n];
            phases.add(run(mode, "request grant", threads, n,
                    i -> grants[(int) i] = requester.grants().request(f.grantRequest(assets[(int) i], 5, 1000))));
            phases.add(run(mode, "approve grant", threads, n, i -> hospital.grants().approve(grants[(int) i]) ? 1L : 0L));
        }
    }

    private static Phase run(String mode, String name, int threads, int n, LongFunction<Long> op) throws Exception {
        long start = System.nanoTime();
        run(threads, n, op);
        return new Phase(mode, name, threads, n, (System.nanoTime() - start) / 1e9);
    }

    private static void run(int threads, int n, LongFunction<Long> op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        op.apply(i);
                    }
                    return null;
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

}
