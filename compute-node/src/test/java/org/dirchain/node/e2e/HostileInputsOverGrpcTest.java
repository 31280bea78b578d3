package org.dirchain.node.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.dirchain.node.api.v1.AggregateRequest;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.api.v1.ComputeNodeGrpc;
import org.dirchain.node.app.NodeAssembly;
import org.dirchain.node.data.DriverManagerDataSource;
import org.dirchain.node.data.JdbcTable;
import org.dirchain.node.grpc.ComputeNodeServer;
import org.dirchain.node.job.AggregateSpecs;
import org.dirchain.testing.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What a node does with hostile or failing inputs, over real gRPC on a real anvil: a requester key
 * of an unsupported size is refused before it is used (and not parsed at all for a job the chain
 * does not have), and a data source failing at query time is answered without the node's internal
 * text — the coordinator relays a node's status to the requester.
 */
class HostileInputsOverGrpcTest {
    private static final long MIB = 1024 * 1024;
    /** The u16 size field's largest multiple of 16. */
    private static final int HUGE_BITS = 65_520;
    private static final Pattern REFERENCE = Pattern.compile("node error ([0-9a-f]{16}): ");

    static NodeCluster c;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        c = new NodeCluster();
        AggregateOverGrpcTest.c = c;
        AggregateOverGrpcTest.paillier = org.dirchain.he.HomomorphicSchemes.byName("paillier");
        AggregateOverGrpcTest.requesterKey = AggregateOverGrpcTest.paillier.generateKeyPair();
    }

    @AfterAll
    static void stop() {
        c.close();
        AggregateOverGrpcTest.c = null;
    }

    @BeforeEach
    void captureFailureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger("org.dirchain.node.grpc.NodeFailures")).addAppender(log);
    }

    @AfterEach
    void releaseFailureLog() {
        ((Logger) LoggerFactory.getLogger("org.dirchain.node.grpc.NodeFailures")).detachAppender(log);
    }

    @Test
    void aHugePaillierKeyIsRefusedWithoutGrowingTheNodesHeap() {
        AggregateSpec spec = hugeKeySpec();
        long job = singleAssetJob(0, spec);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> run(c.node(0), job, 0, spec));
        long grown = usedAfterGc(memory) - before;
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().contains("modulus size 65520 bits is not supported (supported: 2048, "
                + "3072)"), e.getStatus().getDescription());
        System.out.printf("heap after a GC grew by %.1f MiB over the refused call%n", grown / (double) MIB);
        assertTrue(grown < 64 * MIB, "the node's heap grew by " + grown / MIB + " MiB");
    }

    @Test
    void aKeyIsNotParsedForAJobTheChainDoesNotHave() {
        AggregateSpec spec = hugeKeySpec();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> run(c.node(0), 99_999, 0, spec));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), "the chain is asked first: " + e.getStatus());
        assertTrue(e.getStatus().getDescription().contains("not on the ledger"), e.getStatus().getDescription());
    }

    @Test
    void aCsvGoneAtQueryTimeIsAnsweredWithoutItsPath() throws Exception {
        AggregateSpec spec = AggregateOverGrpcTest.spec(0);
        long job = singleAssetJob(2, spec);
        Path file = c.files.get(2);
        Path aside = file.resolveSibling(file.getFileName() + ".aside");
        Files.move(file, aside);
        StatusRuntimeException e;
        try {
            e = assertThrows(StatusRuntimeException.class, () -> run(c.node(2), job, 2, spec));
        } finally {
            Files.move(aside, file);
        }
        String description = assertGenericDataFailure(e);
        assertFalse(description.contains(c.dir.toString()) || description.contains(".csv"), description);
        assertLoggedUnderReference(description, file.toString());
    }

    @Test
    void aTableDroppedAtQueryTimeIsAnsweredWithoutDriverText() throws Exception {
        try (LocalPostgres pg = LocalPostgres.startOrAbort()) {
            String url = pg.createDatabase();
            try (Connection db = DriverManager.getConnection(url, pg.user(), pg.password())) {
                createPatients(db, c.data.get(0));
                JdbcTable table = JdbcTable.connect(new DriverManagerDataSource(url, pg.user(), pg.password()),
                        "registry_patients");
                long asset = c.f.as(c.providerAccounts.get(0)).catalog().register(new AssetDraft("Registry in a database",
                        "https://registry.example/db", Hash32.keccak("meta db"), Hash32.of(table.schema().schemaHash()),
                        table.commitment().toHash32(), Classification.RESTRICTED,
                        Set.of(Operation.COUNT, Operation.MEAN, Operation.VARIANCE, Operation.HISTOGRAM),
                        c.f.nodeAOrg, List.of("diabetes"), List.of(), 1, org.dirchain.chain.model.ReleasePolicy.open(20),
                        table.schema().canonical()));
                ComputeNodeServer server = NodeAssembly.start(c.f.chain, c.f.deployment, c.f.key(DirectoryFixture.NODE_A),
                        c.f.nodeAOrg, Map.of(asset, table), "127.0.0.1", 0);
                ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                        .build();
                try {
                    AggregateSpec spec = AggregateOverGrpcTest.spec(0);
                    long job = singleAssetJob(asset, 0, spec);
                    try (Statement st = db.createStatement()) {
                        st.execute("DROP TABLE registry_patients");
                    }
                    var node = ComputeNodeGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
                    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                            () -> node.runAggregate(AggregateRequest.newBuilder().setJobId(job).setAssetId(asset)
                                    .setSpec(spec.toByteString()).build()));
                    String description = assertGenericDataFailure(e);
                    for (String internal : List.of("registry_patients", "relation", "ERROR", "postgres", "SQL", "jdbc",
                            "select", "SELECT")) {
                        assertFalse(description.contains(internal), "'" + internal + "' in: " + description);
                    }
                    assertLoggedUnderReference(description, "registry_patients");
                } finally {
                    channel.shutdownNow();
                    server.close();
                }
            }
        }
    }

    /** An INTERNAL status with a reference and a generic reason, and nothing of the node's internals. */
    private static String assertGenericDataFailure(StatusRuntimeException e) {
        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode(), e.getStatus().toString());
        String description = e.getStatus().getDescription();
        assertTrue(REFERENCE.matcher(description).find(), description);
        assertTrue(description.contains("the asset's data could not be read"), description);
        for (String internal : List.of("/", "\\", "\n", "Exception", "java.", "org.", "cannot read")) {
            assertFalse(description.contains(internal), "'" + internal + "' in: " + description);
        }
        return description;
    }

    /** The node's own log has the detail the caller was not given, under the reference it was given. */
    private void assertLoggedUnderReference(String description, String detail) {
        Matcher m = REFERENCE.matcher(description);
        assertTrue(m.find(), description);
        String ref = m.group(1);
        ILoggingEvent event = log.list.stream().filter(ev -> ev.getFormattedMessage().contains("ref=" + ref))
                .findFirst().orElseThrow(() -> new AssertionError("no log entry for " + ref + ": " + log.list));
        assertTrue(event.getFormattedMessage().contains("kind=data-source"), event.getFormattedMessage());
        assertTrue(event.getThrowableProxy().getMessage().contains(detail)
                || (event.getThrowableProxy().getCause() != null
                        && event.getThrowableProxy().getCause().getMessage().contains(detail)),
                "the log keeps the detail: " + event.getThrowableProxy().getMessage());
    }

    /** The regular spec, carrying a 65,520-bit "Paillier key" (random body, randomizer as long as n). */
    private static AggregateSpec hugeKeySpec() {
        int l = HUGE_BITS / 8;
        byte[] key = new byte[5 + 4 + 3 * l];
        new SecureRandom().nextBytes(key);
        ByteBuffer b = ByteBuffer.wrap(key).put((byte) 'H').put((byte) 'E').put((byte) 1).put((byte) 1).put((byte) 1)
                .putShort((short) HUGE_BITS).putShort((short) HUGE_BITS);
        b.put(b.position(), (byte) 0x80); // n has exactly the declared size
        key[5 + 4 + l - 1] |= 1; // and is odd
        return AggregateOverGrpcTest.spec(0).toBuilder().setHePublicKey(ByteString.copyFrom(key)).build();
    }

    private static long singleAssetJob(int node, AggregateSpec spec) {
        return singleAssetJob(c.assetIds.get(node), node, spec);
    }

    /** A job on chain over one asset (so its partial is not masked), with an approved grant. */
    private static long singleAssetJob(long asset, int provider, AggregateSpec spec) {
        long grant = c.f.as(DirectoryFixture.REQUESTER).grants().request(new GrantRequest(asset,
                Set.of(Operation.COUNT, Operation.MEAN, Operation.VARIANCE, Operation.HISTOGRAM), Hash32.keccak("study"),
                Duration.ofDays(10), 10, 0));
        c.f.as(c.providerAccounts.get(provider)).grants().approve(grant);
        return c.f.as(DirectoryFixture.REQUESTER).jobs().submit(new JobSubmission(AggregateSpecs.operations(spec),
                Hash32.keccak(spec.toByteArray()), List.of(grant), 0, 1, Duration.ofHours(1), BigInteger.valueOf(1_000_000)));
    }

    private static void run(ComputeNodeGrpc.ComputeNodeBlockingStub node, long job, int asset, AggregateSpec spec) {
        node.runAggregate(AggregateRequest.newBuilder().setJobId(job).setAssetId(c.assetIds.get(asset))
                .setSpec(spec.toByteString()).build());
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void createPatients(Connection db, List<NodeCluster.Patient> rows) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE registry_patients (age integer, sex text, region text, hba1c numeric)");
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO registry_patients VALUES (?, ?, ?, ?)")) {
            for (NodeCluster.Patient p : rows) {
                insert.setInt(1, p.age());
                insert.setString(2, p.sex());
                insert.setString(3, p.region());
                insert.setBigDecimal(4, java.math.BigDecimal.valueOf(p.hba1c()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
