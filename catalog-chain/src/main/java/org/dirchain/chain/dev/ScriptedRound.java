package org.dirchain.chain.dev;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.AttestationSigner;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.deploy.ContractDeployer;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.chain.index.DirectoryIndexer;
import org.dirchain.chain.index.IndexedGrant;
import org.dirchain.chain.index.IndexedJob;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.chain.model.Role;

/**
 * One scripted round on a fresh dev chain: admit a consortium, publish an asset that needs two
 * approvals, request and approve a grant, submit a job with a fee, attest, settle, pay out, and
 * audit it from the event index. The node's computation is represented by its signed attestation;
 * the compute node itself runs the real computation.
 *
 * <p>Arguments: {@code [deployment-file] [--keep-running]}.
 */
public final class ScriptedRound {
    private ScriptedRound() {}

    public static void main(String[] args) throws Exception {
        Path deploymentFile = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0]
                : "target/dirchain/deployment.json");
        boolean keep = List.of(args).contains("--keep-running");
        try (DevChain dev = DevChain.start(); ChainConnection chain = ChainConnection.open(dev.rpcUrl())) {
            say("dev chain", dev.rpcUrl() + " (anvil, chain id " + chain.chainId() + ", evm " + DevChain.HARDFORK + ")");
            Deployment d = new ContractDeployer(chain).deploy(dev.account(0));
            d.write(deploymentFile);
            say("contracts", "Consortium " + d.consortium() + ", DataCatalog " + d.dataCatalog() + ", AccessGrants "
                    + d.accessGrants() + ", JobLedger " + d.jobLedger() + " -> " + deploymentFile);

            var admin = DirectoryChain.connect(chain, d, dev.account(0));
            long regulator = admin.organisations().register("Health Regulator", Set.of(Role.REGULATOR),
                    dev.account(0).getAddress());
            long hospital = admin.organisations().register("City Hospital", Set.of(Role.PROVIDER), addr(dev, 1));
            long ethics = admin.organisations().register("City Hospital Ethics Board", Set.of(Role.PROVIDER),
                    addr(dev, 2));
            long node = admin.organisations().register("City Hospital Compute Node", Set.of(Role.NODE), addr(dev, 3));
            long institute = admin.organisations().register("Diabetes Research Institute", Set.of(Role.REQUESTER),
                    addr(dev, 4));
            long operator = admin.organisations().register("Platform Operator", Set.of(Role.OPERATOR), addr(dev, 5));
            say("consortium", "regulator #" + regulator + ", hospital #" + hospital + ", ethics board #" + ethics
                    + ", node #" + node + ", institute #" + institute + ", operator #" + operator);

            var hospitalChain = DirectoryChain.connect(chain, d, dev.account(1));
            long asset = hospitalChain.catalog().register(new AssetDraft("Type 2 diabetes cohort 2019-2024",
                    "https://data.cityhospital.example/catalog/t2d-cohort", Hash32.keccak("t2d metadata v1"),
                    Hash32.keccak("age:int,sex:str,region:str,hba1c:decimal"), Hash32.keccak("t2d rows v1"),
                    Classification.RESTRICTED, Set.of(Operation.COUNT, Operation.MEAN, Operation.HISTOGRAM), node,
                    List.of("diabetes", "hba1c", "endocrinology"), List.of(hospital, ethics), 2,
                    ReleasePolicy.open(20), "age:INTEGER,sex:TEXT,region:TEXT,hba1c:DECIMAL"));
            say("catalogue", "asset #" + asset + " published by the hospital; grants need 2 of 2 approvals"
                    + " (hospital, ethics board)");

            var instituteChain = DirectoryChain.connect(chain, d, dev.account(4));
            long grant = instituteChain.grants().request(new GrantRequest(asset, Set.of(Operation.COUNT,
                    Operation.MEAN), Hash32.keccak("protocol DRI-2026-07: HbA1c by age band"), Duration.ofDays(90),
                    5, 1000));
            boolean usable = hospitalChain.grants().approve(grant);
            say("grant", "#" + grant + " requested (5 jobs, epsilon budget 1.000); hospital approved -> usable: "
                    + usable);
            usable = DirectoryChain.connect(chain, d, dev.account(2)).grants().approve(grant);
            say("grant", "ethics board approved -> usable: " + usable + ", expires "
                    + instituteChain.grants().grant(grant).expiresAt());

            BigInteger fee = new BigInteger("10000000000000000"); // 0.01 ETH
            long job = instituteChain.jobs().submit(new JobSubmission(Set.of(Operation.MEAN),
                    Hash32.keccak("{\"op\":\"MEAN\",\"column\":\"hba1c\",\"filter\":\"age in [40,60]\"}"),
                    List.of(grant), 250, 1, Duration.ofHours(1), fee));
            say("job", "#" + job + " submitted with a fee of " + fee + " wei in escrow, epsilon 0.250 charged");

            var asset0 = hospitalChain.catalog().asset(asset);
            var attestation = new AttestationSigner(dev.account(3), d)
                    .sign(job, 0, asset, asset0.contentCommitment(), 1834);
            var operatorChain = DirectoryChain.connect(chain, d, dev.account(5));
            operatorChain.jobs().attest(attestation);
            say("attestation", "node signed: computed on commitment " + asset0.contentCommitment()
                    + " over 1834 rows");
            operatorChain.jobs().settle(job, Hash32.keccak("mean hba1c 7.21 (dp)"), List.of(1834L));
            BigInteger paid = hospitalChain.jobs().withdraw();
            say("settlement", "job #" + job + " " + operatorChain.jobs().job(job).status() + "; hospital withdrew "
                    + paid + " wei");

            try (DirectoryIndexer indexer = new DirectoryIndexer(chain, d, 0, 1000)) {
                indexer.catchUp();
                IndexedJob audited = indexer.index().jobsByAsset(asset).get(0);
                IndexedGrant g = indexer.index().grant(grant).orElseThrow();
                say("audit", "asset #" + asset + ": job #" + audited.id() + " by org #" + audited.requesterOrg()
                        + ", status " + audited.status() + ", result " + audited.resultHash() + ", payments "
                        + audited.payments());
                say("audit", "grant #" + grant + " history: " + g.history().stream()
                        .map(e -> e.kind() + (e.org() == 0 ? "" : " by org " + e.org()) + " @" + e.block()).toList());
            }
            say("cast", "cast call " + d.jobLedger() + " 'getJob(uint64)' " + job + " --rpc-url " + dev.rpcUrl());
            if (keep) {
                say("running", "dev chain stays up; Ctrl-C to stop");
                Thread.currentThread().join();
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
