package org.dirchain.node.bench;

import java.io.BufferedWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dirchain.he.EncryptedAggregator;
import org.dirchain.he.LanePacking;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.data.LocalTable;
import org.dirchain.he.FixedPointEncoder;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.node.query.AggregateEngine;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.AggregateResult;
import org.dirchain.node.query.Filter;
import org.dirchain.node.query.GroupBy;
import org.dirchain.node.query.Measure;
import org.dirchain.node.query.PartialAggregate;
import org.dirchain.node.query.VectorLayout;

/**
 * An aggregate over 3 nodes × N rows, computed in plaintext and under Paillier (each node encrypts
 * its partial vector, the aggregator adds ciphertexts, the requester decrypts), in the same run.
 * Nodes run one after the other on this machine, in both modes. Arguments: {@code [rows=1000000]
 * [dir]}. Figures go in docs/performance.md.
 */
public final class EncryptedAggregateBench {
    private EncryptedAggregateBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("agg-bench");
        List<LocalTable> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path f = dir.resolve("node-" + i + ".csv");
            if (!Files.exists(f)) {
                write(f, rows, 1000 + i);
            }
            nodes.add(CsvTable.inferring(f));
        }
        AggregateQuery query = AggregateQuery.builder()
                .where(Filter.between("age", "40", "60"))
                .where(Filter.gt("hba1c", "7"))
                .groupBy(GroupBy.of("region", "north", "south", "east", "west"))
                .measure(Measure.count()).measure(Measure.mean("hba1c")).measure(Measure.variance("hba1c"))
                .measure(Measure.mean("bmi")).measure(Measure.histogram("hba1c", "7", "8", "9", "10", "11"))
                .build();
        HomomorphicScheme paillier = HomomorphicSchemes.byName("paillier");
        HeKeyPair key = paillier.generateKeyPair();
        AggregateEngine engine = new AggregateEngine();

        double[] plain = new double[3];
        double[] unpacked = new double[3];
        double[] packed = new double[3];
        for (int round = 0; round < 3; round++) { // round 0 warms the JIT; rounds 1-2 are reported
            long t0 = System.nanoTime();
            PartialAggregate total = PartialAggregate.empty(query);
            for (LocalTable t : nodes) {
                total = total.plus(engine.evaluate(t, query).partial());
            }
            AggregateResult plainResult = total.finish();
            long t1 = System.nanoTime();
            AggregateResult one = encrypted(nodes, query, paillier, key, engine, null);
            long t2 = System.nanoTime();
            AggregateResult lanes = encrypted(nodes, query, paillier, key, engine,
                    new LanePacking(128, key.publicKey().plaintextModulus()));
            long t3 = System.nanoTime();
            if (!plainResult.equals(one) || !plainResult.equals(lanes)) {
                throw new AssertionError("encrypted result differs from plaintext");
            }
            plain[round] = (t1 - t0) / 1e9;
            unpacked[round] = (t2 - t1) / 1e9;
            packed[round] = (t3 - t2) / 1e9;
            System.out.printf("round %d: plaintext %.2f s, encrypted %.2f s, encrypted+packed %.2f s%n", round,
                    plain[round], unpacked[round], packed[round]);
        }
        int slots = new VectorLayout(query).length();
        double p = Math.min(plain[1], plain[2]);
        double u = Math.min(unpacked[1], unpacked[2]);
        double k = Math.min(packed[1], packed[2]);
        System.out.printf("%n| 3 nodes × %,d rows, %d-slot partials | wall (best of 2) | ciphertexts per node | ratio |%n",
                rows, slots);
        System.out.println("|---|---:|---:|---:|");
        System.out.printf("| plaintext partials, summed | %.2f s | — | 1.00 |%n", p);
        System.out.printf("| Paillier, one value per ciphertext | %.2f s | %d | %.2f |%n", u, slots, u / p);
        System.out.printf("| Paillier, 128-bit lanes (15 per ciphertext) | %.2f s | %d | %.2f |%n", k,
                (slots + 14) / 15, k / p);
        System.out.println("\nresults identical to plaintext in every round");
    }

    /** Each node encrypts its partial; the aggregator adds; the requester decrypts and finishes. */
    private static AggregateResult encrypted(List<LocalTable> nodes, AggregateQuery query, HomomorphicScheme scheme,
            HeKeyPair key, AggregateEngine engine, LanePacking packing) {
        FixedPointEncoder signed = FixedPointEncoder.decimal(key.publicKey(), 0);
        List<List<byte[]>> contributions = new ArrayList<>();
        int slots = 0;
        for (LocalTable t : nodes) {
            BigInteger[] v = engine.evaluate(t, query).partial().toVector();
            slots = v.length;
            BigInteger[] plaintexts = packing != null ? packing.pack(v) : v;
            List<byte[]> cts = new ArrayList<>(plaintexts.length);
            for (BigInteger x : plaintexts) {
                BigInteger m = packing != null ? x : signed.encodeScaled(x);
                cts.add(scheme.serializeCiphertext(scheme.encrypt(key.publicKey(), m)));
            }
            contributions.add(cts);
        }
        var sum = new EncryptedAggregator(scheme, key.publicKey()).sum(contributions);
        BigInteger[] vector = EncryptedAggregator.decrypt(scheme, key.secretKey(), key.publicKey(), sum, packing, slots,
                nodes.size());
        return PartialAggregate.fromVector(query, vector).finish();
    }

    private static void write(Path file, int rows, long seed) throws Exception {
        String[] regions = {"north", "south", "east", "west"};
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("patient_id,age,sex,region,hba1c,bmi,systolic\n");
            for (int i = 0; i < rows; i++) {
                int age = 18 + r.nextInt(75);
                w.write(i + "," + age + "," + (r.nextBoolean() ? "F" : "M") + "," + regions[r.nextInt(4)] + ","
                        + (45 + r.nextInt(80)) / 10.0 + "," + (180 + r.nextInt(220)) / 10.0 + "," + (95 + r.nextInt(80))
                        + "\n");
            }
        }
    }
}
