package org.dirchain.node.e2e;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.chain.model.Role;
import org.dirchain.node.api.v1.ComputeNodeGrpc;
import org.dirchain.node.app.NodeAssembly;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.grpc.ComputeNodeServer;

/**
 * Three institutions, each with its own compute node on a loopback gRPC port and its own CSV of
 * synthetic patients, on a real anvil with the directory contracts. Asset i is owned by provider
 * i and served by node i.
 */
final class NodeCluster implements AutoCloseable {
    static final int THIRD_PROVIDER = 10;
    static final int THIRD_NODE = 11;
    static final String[] REGIONS = {"north", "south", "east", "west"};
    static final int[] ROWS = {700, 450, 1200};

    /** One patient row, for computing the expected answers in plain Java. */
    record Patient(int age, String sex, String region, double hba1c) {}

    final DirectoryFixture f;
    final int minCellSize;
    final Path dir;
    final List<Long> providerOrgs = new ArrayList<>();
    final List<Integer> providerAccounts = List.of(DirectoryFixture.HOSPITAL, DirectoryFixture.HOSPITAL_B,
            THIRD_PROVIDER);
    final List<Long> assetIds = new ArrayList<>();
    final List<Path> files = new ArrayList<>();
    final List<List<Patient>> data = new ArrayList<>();
    final List<ComputeNodeServer> servers = new ArrayList<>();
    final List<ManagedChannel> channels = new ArrayList<>();
    final List<ComputeNodeGrpc.ComputeNodeBlockingStub> stubs = new ArrayList<>();

    NodeCluster() throws IOException {
        this(ReleasePolicy.open(20));
    }

    /** Every asset published under {@code policy}. */
    NodeCluster(ReleasePolicy policy) throws IOException {
        f = DirectoryFixture.startWithConsortium();
        minCellSize = policy.minCellSize();
        dir = Files.createTempDirectory("nodes");
        var admin = f.as(DirectoryFixture.ADMIN).organisations();
        long thirdProvider = admin.register("Regional Clinic", Set.of(Role.PROVIDER), f.address(THIRD_PROVIDER));
        long thirdNode = admin.register("Regional Clinic Node", Set.of(Role.NODE), f.address(THIRD_NODE));
        providerOrgs.addAll(List.of(f.hospitalOrg, f.hospitalBOrg, thirdProvider));
        List<Long> nodeOrgs = List.of(f.nodeAOrg, f.nodeBOrg, thirdNode);
        List<Integer> nodeAccounts = List.of(DirectoryFixture.NODE_A, DirectoryFixture.NODE_B, THIRD_NODE);
        Random random = new Random(20261125);
        for (int i = 0; i < 3; i++) {
            List<Patient> rows = patients(random, ROWS[i]);
            data.add(rows);
            Path file = dir.resolve("patients-" + i + ".csv");
            writeCsv(file, rows);
            files.add(file);
            CsvTable table = CsvTable.inferring(file);
            long asset = f.as(providerAccounts.get(i)).catalog().register(new AssetDraft("Diabetes registry " + i,
                    "https://registry.example/" + i, Hash32.keccak("meta " + i), Hash32.of(table.schema().schemaHash()),
                    table.commitment().toHash32(), Classification.RESTRICTED,
                    Set.of(Operation.COUNT, Operation.SUM, Operation.MEAN, Operation.VARIANCE, Operation.HISTOGRAM,
                            Operation.TRAIN_LINEAR),
                    nodeOrgs.get(i), List.of("diabetes"), List.of(), 1, policy, table.schema().canonical()));
            assetIds.add(asset);
            startNode(nodeAccounts.get(i), nodeOrgs.get(i), Map.of(asset, table));
        }
    }

    private void startNode(int account, long org, Map<Long, org.dirchain.node.data.LocalTable> tables) {
        ComputeNodeServer server = NodeAssembly.start(f.chain, f.deployment, f.key(account), org, tables, "127.0.0.1", 0);
        servers.add(server);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        channels.add(channel);
        stubs.add(ComputeNodeGrpc.newBlockingStub(channel));
    }

    ComputeNodeGrpc.ComputeNodeBlockingStub node(int i) {
        return stubs.get(i).withDeadlineAfter(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    static List<Patient> patients(Random r, int n) {
        List<Patient> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int age = 18 + r.nextInt(70);
            double hba1c = Math.round((4.5 + r.nextDouble() * 6 + (age > 50 ? 0.8 : 0)) * 10) / 10.0;
            rows.add(new Patient(age, r.nextBoolean() ? "F" : "M", REGIONS[r.nextInt(REGIONS.length)], hba1c));
        }
        return rows;
    }

    static void writeCsv(Path file, List<Patient> rows) {
        StringBuilder sb = new StringBuilder("age,sex,region,hba1c\n");
        rows.forEach(p -> sb.append(p.age()).append(',').append(p.sex()).append(',').append(p.region()).append(',')
                .append(p.hba1c()).append('\n'));
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        servers.forEach(ComputeNodeServer::close);
        f.close();
    }
}
