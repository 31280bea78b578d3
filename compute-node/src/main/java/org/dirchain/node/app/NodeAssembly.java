package org.dirchain.node.app;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.dirchain.chain.AttestationSigner;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.node.api.v1.NodeIdentity;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.grpc.ComputeNodeServer;
import org.dirchain.node.grpc.ComputeNodeService;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.node.job.AggregateJobRunner;
import org.dirchain.node.job.AggregateMasking;
import org.dirchain.node.job.NodeCatalog;
import org.dirchain.node.job.ReleasedNoisyPartials;
import org.dirchain.node.privacy.DiscreteLaplace;
import org.dirchain.node.privacy.PartialNoise;
import org.dirchain.node.privacy.ReleaseJournal;
import org.dirchain.node.query.AggregateEngine;
import org.dirchain.node.verify.GrantVerifier;
import org.dirchain.node.federation.KeyAdvertisementSigner;
import org.dirchain.node.federation.SecureTrainingService;
import org.web3j.crypto.Credentials;

/** Wires a compute node from its parts: chain view, signing key, local tables, gRPC server. */
public final class NodeAssembly {
    private NodeAssembly() {}

    /**
     * Starts a node serving {@code tables} for organisation {@code org} on {@code host:port} (0: free)
     * that remembers what it released under differential privacy in memory only (tests, demos).
     */
    public static ComputeNodeServer start(ChainConnection chain, Deployment deployment, Credentials key, long org,
            Map<Long, LocalTable> tables, String host, int port) {
        return start(chain, deployment, key, org, tables, host, port, ReleaseJournal.inMemory(Clock.systemUTC()));
    }

    /** As above, with the journal of released answers kept where {@code journal} keeps it. */
    public static ComputeNodeServer start(ChainConnection chain, Deployment deployment, Credentials key, long org,
            Map<Long, LocalTable> tables, String host, int port, ReleaseJournal journal) {
        DirectoryChain directory = DirectoryChain.connect(chain, deployment, key);
        NodeCatalog catalog = new NodeCatalog(tables);
        GrantVerifier verifier = new GrantVerifier(directory, org, () -> chain.blockTime(chain.blockNumber()));
        AttestationSigner attestations = new AttestationSigner(key, deployment);
        KeyAdvertisementSigner keySigner = new KeyAdvertisementSigner(key);
        AggregateJobRunner runner = new AggregateJobRunner(catalog, verifier, attestations, new AggregateEngine(),
                new PartialNoise(new DiscreteLaplace(new SecureRandom())), new ReleasedNoisyPartials(journal),
                new AggregateMasking(directory, keySigner, org, new SecureRandom(), Clock.systemUTC(), journal));
        SecureTrainingService training = new SecureTrainingService(catalog, verifier, directory, attestations,
                keySigner, org, journal);
        NodeIdentity identity = NodeIdentity.newBuilder().setOrgId((int) org).setSignerAddress(key.getAddress())
                .setChainId(deployment.chainId()).setJobLedger(deployment.jobLedger())
                .addAllHeSchemes(HomomorphicSchemes.names()).setVersion(version()).build();
        return ComputeNodeServer.start(host, port, new ComputeNodeService(identity, catalog, runner, training));
    }

    private static String version() {
        String v = NodeAssembly.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
