package org.dirchain.chain;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.dirchain.chain.deploy.ContractDeployer;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.chain.dev.DevChain;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.chain.model.Role;
import org.web3j.crypto.Credentials;

/**
 * A real anvil with the contracts deployed and a small consortium: a regulator (admin), a
 * hospital and its ethics board (providers), two compute nodes, two requesters and an operator.
 */
public final class DirectoryFixture implements AutoCloseable {
    /** The schema text test assets are published with. */
    public static final String SCHEMA = "age:INTEGER,region:TEXT,hba1c:DECIMAL";
    public static final int ADMIN = 0;
    public static final int HOSPITAL = 1;
    public static final int ETHICS = 2;
    public static final int NODE_A = 3;
    public static final int NODE_B = 4;
    public static final int REQUESTER = 5;
    public static final int OTHER_REQUESTER = 6;
    public static final int OPERATOR = 7;
    public static final int OUTSIDER = 8;
    public static final int HOSPITAL_B = 9;

    public final DevChain dev;
    public final ChainConnection chain;
    public final Deployment deployment;
    public long regulatorOrg;
    public long hospitalOrg;
    public long ethicsOrg;
    public long nodeAOrg;
    public long nodeBOrg;
    public long requesterOrg;
    public long otherRequesterOrg;
    public long operatorOrg;
    public long hospitalBOrg;
    private final AtomicInteger seq = new AtomicInteger();

    private DirectoryFixture(Duration blockTime) {
        dev = DevChain.start(blockTime);
        chain = ChainConnection.open(dev.rpcUrl());
        deployment = new ContractDeployer(chain).deploy(dev.account(ADMIN));
    }

    public static DirectoryFixture startWithConsortium() {
        return startWithConsortium(null);
    }

    /** With a block time, anvil mines on an interval (many transactions per block). */
    public static DirectoryFixture startWithConsortium(Duration blockTime) {
        DirectoryFixture f = new DirectoryFixture(blockTime);
        OrganisationRegistry orgs = f.as(ADMIN).organisations();
        f.regulatorOrg = orgs.register("Health Regulator", Set.of(Role.REGULATOR), f.address(ADMIN));
        f.hospitalOrg = orgs.register("City Hospital", Set.of(Role.PROVIDER), f.address(HOSPITAL));
        f.ethicsOrg = orgs.register("Ethics Board", Set.of(Role.PROVIDER), f.address(ETHICS));
        f.nodeAOrg = orgs.register("City Hospital Node", Set.of(Role.NODE), f.address(NODE_A));
        f.nodeBOrg = orgs.register("Clinic Node", Set.of(Role.NODE), f.address(NODE_B));
        f.requesterOrg = orgs.register("Research Institute", Set.of(Role.REQUESTER), f.address(REQUESTER));
        f.otherRequesterOrg = orgs.register("Insurer", Set.of(Role.REQUESTER), f.address(OTHER_REQUESTER));
        f.operatorOrg = orgs.register("Platform Operator", Set.of(Role.OPERATOR), f.address(OPERATOR));
        f.hospitalBOrg = orgs.register("County Clinic", Set.of(Role.PROVIDER), f.address(HOSPITAL_B));
        return f;
    }

    public DirectoryChain as(int account) {
        return DirectoryChain.connect(chain, deployment, dev.account(account));
    }

    public Credentials key(int account) {
        return dev.account(account);
    }

    public String address(int account) {
        return dev.account(account).getAddress();
    }

    /** A valid draft served by {@code nodeOrg}; distinct commitment per call. */
    public AssetDraft draft(long nodeOrg, List<Long> approvers, int k) {
        int n = seq.incrementAndGet();
        return new AssetDraft("Diabetes cohort " + n, "https://catalog.example/assets/" + n,
                Hash32.keccak("metadata " + n), Hash32.keccak("schema v1"), Hash32.keccak("content " + n),
                Classification.CONFIDENTIAL, Set.of(Operation.COUNT, Operation.SUM, Operation.MEAN, Operation.HISTOGRAM),
                nodeOrg, List.of("diabetes", "hba1c"), approvers, k, ReleasePolicy.open(10), SCHEMA);
    }

    public GrantRequest grantRequest(long assetId, int maxJobs, long epsilonBudgetMilli) {
        return new GrantRequest(assetId, Set.of(Operation.COUNT, Operation.MEAN), Hash32.keccak("study protocol 7"),
                Duration.ofDays(30), maxJobs, epsilonBudgetMilli);
    }

    /** Registers an asset of the hospital served by node A and approves a grant for the requester. */
    public long[] assetWithApprovedGrant(int maxJobs, long epsilonBudgetMilli) {
        long asset = as(HOSPITAL).catalog().register(draft(nodeAOrg, List.of(), 1));
        long grant = as(REQUESTER).grants().request(grantRequest(asset, maxJobs, epsilonBudgetMilli));
        as(HOSPITAL).grants().approve(grant);
        return new long[] {asset, grant};
    }

    @Override
    public void close() {
        chain.close();
        dev.close();
    }
}
