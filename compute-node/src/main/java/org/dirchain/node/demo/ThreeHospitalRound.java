package org.dirchain.node.demo;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.BufferedWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.deploy.ContractDeployer;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.chain.dev.DevChain;
import org.dirchain.chain.index.DirectoryIndexer;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.chain.model.Role;
import org.dirchain.he.EncryptedAggregator;
import org.dirchain.he.LanePacking;
import org.dirchain.node.api.client.MaskedAggregateClient;
import org.dirchain.node.api.v1.AggregateResponse;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.api.v1.ComputeNodeGrpc;
import org.dirchain.node.api.v1.Filter;
import org.dirchain.node.api.v1.Measure;
import org.dirchain.node.api.v1.Query;
import org.dirchain.node.app.NodeAssembly;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.grpc.ComputeNodeServer;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.node.job.AggregateSpecs;
import org.dirchain.node.query.AggregateEngine;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.AggregateResult;
import org.dirchain.node.query.GroupResult;
import org.dirchain.node.query.PartialAggregate;
import org.dirchain.node.query.VectorLayout;

/**
 * The platform's main job on its embedded defaults: a dev chain, the directory contracts, three
 * hospitals each running a compute node over its own patient file, and a research institute that
 * asks "patients aged 40–60 with HbA1c > 7, by region". Each node verifies the job on chain,
 * returns only Paillier ciphertexts; they are added without any key; only the institute decrypts.
 * Nodes attest on chain, the fee is split by rows scanned, and the audit trail is read back.
 */
public final class ThreeHospitalRound {
    static final String[] REGIONS = {"north", "south", "east", "west"};
    static final int[] ROWS = {20_000, 35_000, 50_000};

    private ThreeHospitalRound() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/dirchain/demo");
        Files.createDirectories(dir);
        List<ComputeNodeServer> servers = new ArrayList<>();
        List<ManagedChannel> channels = new ArrayList<>();
        try (DevChain dev = DevChain.start(); ChainConnection chain = ChainConnection.open(dev.rpcUrl())) {
            Deployment d = new ContractDeployer(chain).deploy(dev.account(0));
            d.write(dir.resolve("deployment.json"));
            say("chain", "anvil at " + dev.rpcUrl() + ", contracts deployed (" + dir.resolve("deployment.json") + ")");
            var admin = DirectoryChain.connect(chain, d, dev.account(0)).organisations();
            admin.register("Health Regulator", Set.of(Role.REGULATOR), dev.account(0).getAddress());
            long institute = admin.register("Diabetes Research Institute", Set.of(Role.REQUESTER), addr(dev, 7));
            admin.register("Platform Operator", Set.of(Role.OPERATOR), addr(dev, 8));

            List<Long> assets = new ArrayList<>();
            List<LocalTable> tables = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long hospital = admin.register("Hospital " + (char) ('A' + i), Set.of(Role.PROVIDER), addr(dev, 1 + i));
                long node = admin.register("Hospital " + (char) ('A' + i) + " node", Set.of(Role.NODE), addr(dev, 4 + i));
                Path file = dir.resolve("hospital-" + (char) ('a' + i) + ".csv");
                writePatients(file, ROWS[i], 7 + i);
                CsvTable table = CsvTable.inferring(file);
                tables.add(table);
                long asset = DirectoryChain.connect(chain, d, dev.account(1 + i)).catalog().register(new AssetDraft(
                        "Type 2 diabetes registry, hospital " + (char) ('A' + i), file.toUri().toString(),
                        Hash32.keccak("registry metadata " + i), Hash32.of(table.schema().schemaHash()),
                        table.commitment().toHash32(), Classification.RESTRICTED,
                        Set.of(Operation.COUNT, Operation.MEAN, Operation.VARIANCE, Operation.HISTOGRAM), node,
                        List.of("diabetes", "hba1c"), List.of(), 1, ReleasePolicy.open(50),
                        table.schema().canonical()));
                assets.add(asset);
                ComputeNodeServer server = NodeAssembly.start(chain, d, dev.account(4 + i), node,
                        Map.of(asset, table), "127.0.0.1", 0);
                servers.add(server);
                channels.add(ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build());
                say("hospital", (char) ('A' + i) + ": asset #" + asset + " (" + ROWS[i] + " rows in " + file.getFileName()
                        + ", commitment " + table.commitment().toHash32().hex().substring(0, 18) + "…), node on port "
                        + server.port());
            }

            HomomorphicScheme paillier = HomomorphicSchemes.byName("paillier");
            HeKeyPair key = paillier.generateKeyPair();
            var requester = DirectoryChain.connect(chain, d, dev.account(7));
            List<Long> grants = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long g = requester.grants().request(new GrantRequest(assets.get(i), Set.of(Operation.COUNT,
                        Operation.MEAN, Operation.VARIANCE, Operation.HISTOGRAM), Hash32.keccak("protocol DRI-2026-07"),
                        Duration.ofDays(90), 5, 0));
                DirectoryChain.connect(chain, d, dev.account(1 + i)).grants().approve(g);
                grants.add(g);
            }
            say("grants", "institute #" + institute + " holds approved grants " + grants);

            AggregateSpec spec = spec(paillier, key);
            long job = requester.jobs().submit(new JobSubmission(AggregateSpecs.operations(spec),
                    Hash32.keccak(spec.toByteArray()), grants, 0, 3, Duration.ofHours(1), new BigInteger("30000000000000000")));
            say("job", "#" + job + " on chain: spec hash " + Hash32.keccak(spec.toByteArray()).hex().substring(0, 18)
                    + "…, fee 0.03 ETH in escrow");

            List<MaskedAggregateClient.Participant> participants = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                participants.add(new MaskedAggregateClient.Participant(i, assets.get(i),
                        ComputeNodeGrpc.newFutureStub(channels.get(i))));
            }
            var outcome = new MaskedAggregateClient(Duration.ofSeconds(60), progress -> { })
                    .run(job, spec.toByteString(), 3, participants, 3);
            if (outcome.answered().size() != 3) {
                throw new IllegalStateException("a node did not answer: " + outcome.failed());
            }
            List<AggregateResponse> responses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AggregateResponse r = outcome.answered().get(i);
                responses.add(r);
                say("node", (char) ('A' + i) + " verified the job on chain and returned " + r.getCiphertextsCount()
                        + " ciphertexts (" + r.getCiphertexts(0).size() + " bytes each), its partial masked with the "
                        + "others' signed keys, and a signed attestation");
            }
            AggregateResult result = decrypt(paillier, key, spec, responses);
            say("result", "decrypted by the institute only; patients aged 40-60 with HbA1c > 7:");
            AggregateResult check = pooledCheck(spec, tables);
            for (String region : REGIONS) {
                GroupResult g = result.group(region);
                System.out.printf("             %-6s n=%-6d mean HbA1c %.3f  variance %.4f  %s%n", region, g.rows(),
                        g.value(org.dirchain.node.query.Measure.mean("hba1c")),
                        g.value(org.dirchain.node.query.Measure.variance("hba1c")),
                        g.equals(check.group(region)) ? "(equals the pooled-data answer)" : "(DIFFERS from the pooled data)");
            }

            var operator = DirectoryChain.connect(chain, d, dev.account(8)).jobs();
            for (AggregateResponse r : responses) {
                operator.attest(new Attestation(job, r.getAssetIndex(), r.getAssetId(),
                        Hash32.of(r.getCommitment().toByteArray()), r.getWeight(), r.getSignature().toByteArray()));
            }
            operator.settle(job, Hash32.keccak(result.toString()), responses.stream().map(AggregateResponse::getWeight)
                    .toList());
            for (int i = 0; i < 3; i++) {
                say("payout", "hospital " + (char) ('A' + i) + " credited "
                        + operator.credit(addr(dev, 1 + i)) + " wei for " + ROWS[i] + " rows");
            }
            try (DirectoryIndexer indexer = new DirectoryIndexer(chain, d, 0, 1000)) {
                indexer.catchUp();
                var audited = indexer.index().job(job).orElseThrow();
                say("audit", "job #" + job + " " + audited.status() + ", participants " + audited.participants()
                        + ", result hash " + audited.resultHash().hex().substring(0, 18) + "…");
            }
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
            servers.forEach(ComputeNodeServer::close);
        }
    }

    static AggregateSpec spec(HomomorphicScheme scheme, HeKeyPair key) {
        Query q = Query.newBuilder()
                .addFilters(Filter.newBuilder().setColumn("age").setOp(Filter.Op.BETWEEN).addValues("40").addValues("60"))
                .addFilters(Filter.newBuilder().setColumn("hba1c").setOp(Filter.Op.GT).addValues("7"))
                .setGroupBy("region").addAllGroups(List.of(REGIONS))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.COUNT))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.MEAN).setColumn("hba1c"))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.VARIANCE).setColumn("hba1c"))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.HISTOGRAM).setColumn("hba1c")
                        .addBucketEdges(7).addBucketEdges(8).addBucketEdges(9).addBucketEdges(10))
                .build();
        return AggregateSpec.newBuilder().setQuery(q).setHeScheme(scheme.name()).setLaneBits(128)
                .setHePublicKey(ByteString.copyFrom(scheme.serializePublicKey(key.publicKey()))).build();
    }

    static AggregateResult decrypt(HomomorphicScheme scheme, HeKeyPair key, AggregateSpec spec,
            List<AggregateResponse> responses) {
        AggregateQuery query = AggregateSpecs.toQuery(spec);
        var sum = new EncryptedAggregator(scheme, key.publicKey()).sum(responses.stream()
                .map(r -> r.getCiphertextsList().stream().map(ByteString::toByteArray).toList()).toList());
        BigInteger[] vector = EncryptedAggregator.decrypt(scheme, key.secretKey(), key.publicKey(), sum,
                new LanePacking(spec.getLaneBits(), key.publicKey().plaintextModulus()),
                new VectorLayout(query).length(), responses.size());
        return PartialAggregate.fromVector(query, vector).finish();
    }

    /** Only possible in this demo, where all three files sit on one machine: the answer in the clear. */
    static AggregateResult pooledCheck(AggregateSpec spec, List<LocalTable> tables) {
        AggregateQuery query = AggregateSpecs.toQuery(spec);
        PartialAggregate total = PartialAggregate.empty(query);
        for (LocalTable t : tables) {
            total = total.plus(new AggregateEngine().evaluate(t, query).partial());
        }
        return total.finish();
    }

    static void writePatients(Path file, int rows, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("patient_id,age,sex,region,hba1c,bmi\n");
            for (int i = 0; i < rows; i++) {
                int age = 18 + r.nextInt(75);
                double hba1c = (45 + r.nextInt(60) + (age > 50 ? 8 : 0)) / 10.0;
                w.write(i + "," + age + "," + (r.nextBoolean() ? "F" : "M") + "," + REGIONS[r.nextInt(4)] + ","
                        + hba1c + "," + (180 + r.nextInt(220)) / 10.0 + "\n");
            }
        }
    }

    private static String addr(DevChain dev, int i) {
        return dev.account(i).getAddress();
    }

    private static void say(String step, String what) {
        System.out.printf("%-12s %s%n", step, what);
    }
}
