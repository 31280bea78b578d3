package org.dirchain.chain.index;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.dirchain.chain.index.GrantEvent.Kind;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.Flag;
import org.dirchain.chain.model.GrantStatus;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.chain.model.Role;
import org.dirchain.contracts.generated.AccessGrants;
import org.dirchain.contracts.generated.Consortium;
import org.dirchain.contracts.generated.DataCatalog;
import org.dirchain.contracts.generated.JobLedger;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;

/** Applies decoded contract events, in chain order, to a {@link DirectoryIndex}. */
final class EventApplier {
    private final DirectoryIndex index;
    private final Map<String, Consumer<Log>> handlers = new HashMap<>();
    /** JobAssetBound is emitted before JobSubmitted in the same transaction. */
    private final Map<Long, Map<Long, Long>> pendingProviders = new HashMap<>();

    EventApplier(DirectoryIndex index) {
        this.index = index;
        on(Consortium.ORGANISATIONREGISTERED_EVENT, this::organisationRegistered);
        on(Consortium.ROLESCHANGED_EVENT, l -> {
            var e = Consortium.getRolesChangedEventFromLog(l);
            org(e.orgId, o -> o.withRoles(Flag.fromMask(Role.class, e.roles.intValue())));
        });
        on(Consortium.ORGANISATIONSUSPENDED_EVENT,
                l -> org(Consortium.getOrganisationSuspendedEventFromLog(l).orgId, o -> o.withActive(false)));
        on(Consortium.ORGANISATIONRESTORED_EVENT,
                l -> org(Consortium.getOrganisationRestoredEventFromLog(l).orgId, o -> o.withActive(true)));
        on(Consortium.PAYOUTCHANGED_EVENT, l -> {
            var e = Consortium.getPayoutChangedEventFromLog(l);
            org(e.orgId, o -> o.withPayout(e.payout));
        });
        on(Consortium.NODEUPDATED_EVENT, l -> {
            var e = Consortium.getNodeUpdatedEventFromLog(l);
            org(e.orgId, o -> o.withNode(e.endpoint, "0x" + HexFormat.of().formatHex(e.publicKey)));
        });
        on(Consortium.ACCOUNTADDED_EVENT, l -> {
            var e = Consortium.getAccountAddedEventFromLog(l);
            org(e.orgId, o -> o.withAccount(e.account, true));
        });
        on(Consortium.ACCOUNTREMOVED_EVENT, l -> {
            var e = Consortium.getAccountRemovedEventFromLog(l);
            org(e.orgId, o -> o.withAccount(e.account, false));
        });
        on(DataCatalog.ASSETREGISTERED_EVENT, this::assetRegistered);
        on(DataCatalog.ASSETVERSIONPUBLISHED_EVENT, l -> {
            var e = DataCatalog.getAssetVersionPublishedEventFromLog(l);
            IndexedAsset a = index.requireAsset(e.assetId.longValueExact());
            index.putAsset(a.withVersion(e.version.intValueExact(), Hash32.of(e.contentCommitment),
                    Hash32.of(e.schemaHash), Hash32.of(e.metadataHash), e.metadataUri, block(l)));
        });
        on(DataCatalog.RELEASEPOLICYSET_EVENT, l -> {
            var e = DataCatalog.getReleasePolicySetEventFromLog(l);
            ReleasePolicy p = ReleasePolicy.fromChain(e.dpRequired, e.minEpsilonMilli.longValueExact(),
                    e.maxEpsilonMilli.longValueExact(), e.requesterEpsilonBudgetMilli.longValueExact(),
                    e.minCellSize.intValueExact(), e.maxCells.intValueExact(), e.flags.intValueExact(),
                    e.identifierColumns, e.quasiIdentifierColumns);
            index.putAsset(index.requireAsset(e.assetId.longValueExact()).withPolicy(p, e.schema));
        });
        on(DataCatalog.ASSETRETIRED_EVENT, l -> {
            var e = DataCatalog.getAssetRetiredEventFromLog(l);
            index.putAsset(index.requireAsset(e.assetId.longValueExact()).retiredAt(block(l)));
        });
        on(AccessGrants.GRANTREQUESTED_EVENT, this::grantRequested);
        on(AccessGrants.GRANTAPPROVALRECORDED_EVENT, l -> {
            var e = AccessGrants.getGrantApprovalRecordedEventFromLog(l);
            IndexedGrant g = index.requireGrant(e.grantId.longValueExact());
            List<Long> by = new ArrayList<>(g.approvedBy());
            by.add(e.approverOrg.longValueExact());
            grant(g, g.status(), by, g.expiresAt(), g.jobsUsed(), g.epsilonSpentMilli(), Kind.APPROVAL,
                    e.approverOrg, l);
        });
        on(AccessGrants.GRANTAPPROVED_EVENT, l -> {
            var e = AccessGrants.getGrantApprovedEventFromLog(l);
            IndexedGrant g = index.requireGrant(e.grantId.longValueExact());
            grant(g, GrantStatus.APPROVED, g.approvedBy(), Instant.ofEpochSecond(e.expiresAt.longValueExact()),
                    g.jobsUsed(), g.epsilonSpentMilli(), Kind.APPROVED, BigInteger.ZERO, l);
        });
        on(AccessGrants.GRANTDENIED_EVENT, l -> {
            var e = AccessGrants.getGrantDeniedEventFromLog(l);
            IndexedGrant g = index.requireGrant(e.grantId.longValueExact());
            grant(g, GrantStatus.DENIED, g.approvedBy(), g.expiresAt(), g.jobsUsed(), g.epsilonSpentMilli(),
                    Kind.DENIED, e.byOrg, l);
        });
        on(AccessGrants.GRANTREVOKED_EVENT, l -> {
            var e = AccessGrants.getGrantRevokedEventFromLog(l);
            IndexedGrant g = index.requireGrant(e.grantId.longValueExact());
            grant(g, GrantStatus.REVOKED, g.approvedBy(), g.expiresAt(), g.jobsUsed(), g.epsilonSpentMilli(),
                    Kind.REVOKED, e.byOrg, l);
        });
        on(AccessGrants.GRANTCONSUMED_EVENT, l -> {
            var e = AccessGrants.getGrantConsumedEventFromLog(l);
            IndexedGrant g = index.requireGrant(e.grantId.longValueExact());
            grant(g, g.status(), g.approvedBy(), g.expiresAt(), e.jobsUsed.intValueExact(),
                    e.epsilonSpentMilli.longValueExact(), Kind.CONSUMED, BigInteger.valueOf(g.granteeOrg()), l);
        });
        on(JobLedger.JOBASSETBOUND_EVENT, l -> {
            var e = JobLedger.getJobAssetBoundEventFromLog(l);
            pendingProviders.computeIfAbsent(e.jobId.longValueExact(), k -> new TreeMap<>())
                    .put(e.assetId.longValueExact(), e.providerOrg.longValueExact());
        });
        on(JobLedger.JOBSUBMITTED_EVENT, this::jobSubmitted);
        on(JobLedger.JOBATTESTED_EVENT, l -> {
            var e = JobLedger.getJobAttestedEventFromLog(l);
            IndexedJob j = index.requireJob(e.jobId.longValueExact());
            index.putJob(j.withAttestation(e.assetId.longValueExact(), new IndexedJob.Attested(
                    e.nodeOrg.longValueExact(), Hash32.of(e.commitment), e.weight.longValueExact(), block(l))));
        });
        on(JobLedger.PAYMENTCREDITED_EVENT, l -> {
            var e = JobLedger.getPaymentCreditedEventFromLog(l);
            IndexedJob j = index.requireJob(e.jobId.longValueExact());
            index.putJob(j.withOutcome(j.status(), j.resultHash(),
                    new IndexedJob.Payment(e.orgId.longValueExact(), e.payee, e.amount)));
        });
        on(JobLedger.JOBSETTLED_EVENT, l -> {
            var e = JobLedger.getJobSettledEventFromLog(l);
            IndexedJob j = index.requireJob(e.jobId.longValueExact());
            index.putJob(j.withOutcome(JobStatus.SETTLED, Hash32.of(e.resultHash), null));
        });
        on(JobLedger.JOBFAILED_EVENT, l -> {
            var e = JobLedger.getJobFailedEventFromLog(l);
            IndexedJob j = index.requireJob(e.jobId.longValueExact());
            index.putJob(j.withOutcome(JobStatus.ofCode(e.status.intValue()), null, null));
        });
    }

    /** Topics of every event the index consumes (for the log filter). */
    Set<String> topics() {
        return Set.copyOf(handlers.keySet());
    }

    void apply(Log log) {
        if (log.getTopics().isEmpty()) {
            return;
        }
        Consumer<Log> handler = handlers.get(log.getTopics().get(0));
        if (handler != null) {
            handler.accept(log);
        }
    }

    private void on(Event event, Consumer<Log> handler) {
        handlers.put(EventEncoder.encode(event), handler);
    }

    private void organisationRegistered(Log l) {
        var e = Consortium.getOrganisationRegisteredEventFromLog(l);
        index.putOrganisation(new IndexedOrganisation(e.orgId.longValueExact(), e.name,
                Flag.fromMask(Role.class, e.roles.intValue()), true, e.account, "", "0x", Set.of(e.account)));
    }

    private void org(BigInteger id, java.util.function.UnaryOperator<IndexedOrganisation> change) {
        index.putOrganisation(change.apply(index.requireOrganisation(id.longValueExact())));
    }

    private void assetRegistered(Log l) {
        var e = DataCatalog.getAssetRegisteredEventFromLog(l);
        List<Long> approvers = e.approvers.stream().map(BigInteger::longValueExact).toList();
        long owner = e.ownerOrg.longValueExact();
        index.putAsset(new IndexedAsset(e.assetId.longValueExact(), owner, e.nodeOrg.longValueExact(), e.title,
                e.metadataUri, Hash32.of(e.metadataHash), Hash32.of(e.schemaHash), Hash32.of(e.contentCommitment),
                Classification.ofLevel(e.classification.intValue()),
                Flag.fromMask(Operation.class, e.allowedOps.intValue()),
                e.tags.stream().map(EventApplier::untag).toList(), approvers.isEmpty() ? List.of(owner) : approvers,
                e.approvalsRequired.intValue(), 1, false, block(l), block(l), null, ""));
    }

    private void grantRequested(Log l) {
        var e = AccessGrants.getGrantRequestedEventFromLog(l);
        long grantee = e.granteeOrg.longValueExact();
        index.putGrant(new IndexedGrant(e.grantId.longValueExact(), e.assetId.longValueExact(), grantee,
                GrantStatus.REQUESTED, Flag.fromMask(Operation.class, e.allowedOps.intValue()),
                Hash32.of(e.purposeHash), e.durationSeconds.longValueExact(), e.maxJobs.intValueExact(),
                e.epsilonBudgetMilli.longValueExact(), List.of(), null, 0, 0,
                List.of(new GrantEvent(Kind.REQUESTED, grantee, block(l), l.getTransactionHash()))));
    }

    private void grant(IndexedGrant g, GrantStatus s, List<Long> by, Instant expires, int used, long spent, Kind kind,
            BigInteger org, Log l) {
        index.putGrant(g.with(s, by, expires, used, spent,
                new GrantEvent(kind, org.longValueExact(), block(l), l.getTransactionHash())));
    }

    private void jobSubmitted(Log l) {
        var e = JobLedger.getJobSubmittedEventFromLog(l);
        long id = e.jobId.longValueExact();
        index.putJob(new IndexedJob(id, e.requesterOrg.longValueExact(),
                Flag.fromMask(Operation.class, e.ops.intValue()), Hash32.of(e.specHash), e.fee,
                e.quorum.intValue(), Instant.ofEpochSecond(e.deadline.longValueExact()),
                e.epsilonMilli.longValueExact(), e.assetIds.stream().map(BigInteger::longValueExact).toList(),
                e.grantIds.stream().map(BigInteger::longValueExact).toList(),
                pendingProviders.getOrDefault(id, Map.of()), Map.of(), JobStatus.SUBMITTED, null, List.of(),
                block(l), l.getTransactionHash()));
        pendingProviders.remove(id);
    }

    private static long block(Log l) {
        return l.getBlockNumber().longValueExact();
    }

    private static String untag(byte[] padded) {
        int end = padded.length;
        while (end > 0 && padded[end - 1] == 0) {
            end--;
        }
        return new String(padded, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
