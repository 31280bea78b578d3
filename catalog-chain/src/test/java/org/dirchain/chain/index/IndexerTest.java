package org.dirchain.chain.index;

import static org.dirchain.chain.DirectoryFixture.ETHICS;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.NODE_A;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.AttestationSigner;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.GrantStatus;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IndexerTest {
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
    void liveIndexFollowsTheChainAndARebuildEqualsIt() {
        try (DirectoryIndexer live = new DirectoryIndexer(f.chain, f.deployment, 0, 7)) {
            live.catchUp();
            long asset = f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(f.hospitalOrg, f.ethicsOrg), 2));
            live.catchUp(); // interleave: the live index is built in several increments
            long grant = f.as(REQUESTER).grants().request(f.grantRequest(asset, 4, 1000));
            f.as(HOSPITAL).grants().approve(grant);
            f.as(ETHICS).grants().approve(grant);
            live.catchUp();
            long job = f.as(REQUESTER).jobs().submit(new JobSubmission(Set.of(Operation.COUNT), Hash32.keccak("q"),
                    List.of(grant), 250, 1, Duration.ofHours(1), BigInteger.valueOf(1000)));
            var commitment = f.as(OUTSIDER).catalog().asset(asset).contentCommitment();
            f.as(OPERATOR).jobs().attest(new AttestationSigner(f.key(NODE_A), f.deployment)
                    .sign(job, 0, asset, commitment, 42));
            f.as(OPERATOR).jobs().settle(job, Hash32.keccak("answer"), List.of(42L));
            f.as(HOSPITAL).catalog().publishVersion(asset, Hash32.keccak("v2"), Hash32.keccak("schema v1"),
                    Hash32.keccak("meta v2"), "https://catalog.example/v2", ReleasePolicy.open(12),
                    DirectoryFixture.SCHEMA);
            long denied = f.as(REQUESTER).grants().request(f.grantRequest(asset, 1, 0));
            f.as(ETHICS).grants().deny(denied, Hash32.keccak("no"));
            live.catchUp();

            DirectoryIndex idx = live.index();
            IndexedAsset a = idx.asset(asset).orElseThrow();
            assertEquals(2, a.version());
            assertEquals(Hash32.keccak("v2"), a.contentCommitment());
            assertEquals("https://catalog.example/v2", a.metadataUri());
            assertTrue(idx.assetsByOwner(f.hospitalOrg).contains(a));
            assertTrue(idx.assetsByTag("hba1c").contains(a));
            assertTrue(idx.assetsByClassification(Classification.CONFIDENTIAL).contains(a));

            IndexedGrant g = idx.grant(grant).orElseThrow();
            assertEquals(GrantStatus.APPROVED, g.status());
            assertEquals(List.of(f.hospitalOrg, f.ethicsOrg), g.approvedBy());
            assertEquals(250, g.epsilonSpentMilli());
            assertEquals(List.of(GrantEvent.Kind.REQUESTED, GrantEvent.Kind.APPROVAL, GrantEvent.Kind.APPROVAL,
                    GrantEvent.Kind.APPROVED, GrantEvent.Kind.CONSUMED), g.history().stream().map(GrantEvent::kind).toList());
            assertEquals(2, idx.grantsByAsset(asset).size());
            assertEquals(GrantStatus.DENIED, idx.grant(denied).orElseThrow().status());

            IndexedJob j = idx.job(job).orElseThrow();
            assertEquals(JobStatus.SETTLED, j.status());
            assertEquals(Hash32.keccak("answer"), j.resultHash());
            assertEquals(42, j.attestations().get(asset).weight());
            IndexedJob.Payment paid = j.payments().get(0);
            assertEquals(1, j.payments().size());
            assertEquals(f.hospitalOrg, paid.orgId());
            assertEquals(BigInteger.valueOf(1000), paid.amount());
            assertTrue(paid.payee().equalsIgnoreCase(f.address(HOSPITAL)));
            assertEquals(Set.of(f.requesterOrg, f.hospitalOrg, f.nodeAOrg), j.participants());
            assertEquals(List.of(j), idx.jobsByAsset(asset));
            assertTrue(idx.jobsByOrg(f.nodeAOrg).contains(j));
            assertTrue(idx.jobsByOrg(f.requesterOrg).contains(j));

            try (DirectoryIndexer rebuilt = new DirectoryIndexer(f.chain, f.deployment, 0, 1000)) {
                rebuilt.catchUp();
                assertEquals(live.index().snapshot(), rebuilt.index().snapshot());
            }
        }
    }

    @Test
    void eventsBelowTheConfirmationDepthAreNotIndexed() {
        try (DirectoryIndexer deep = new DirectoryIndexer(f.chain, f.deployment, 3, 100)) {
            long asset = f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(), 1));
            deep.catchUp();
            assertTrue(deep.index().asset(asset).isEmpty(), "a block with fewer than 3 confirmations is not read");
            f.dev.mine(3);
            deep.catchUp();
            assertEquals(asset, deep.index().asset(asset).orElseThrow().id());
            assertEquals(f.chain.blockNumber() - 3, deep.index().block());
        }
    }

    @Test
    void backgroundPollingCatchesUp() throws InterruptedException {
        try (DirectoryIndexer polling = new DirectoryIndexer(f.chain, f.deployment, 0, 100)) {
            polling.start(Duration.ofMillis(20));
            long asset = f.as(HOSPITAL).catalog().register(f.draft(f.nodeAOrg, List.of(), 1));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (polling.index().asset(asset).isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.yield();
            }
            assertTrue(polling.index().asset(asset).isPresent(), "the poller indexed the new asset");
        }
    }
}
