// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./Interfaces.sol";

/// Access grants: a requester organisation asks for operations on an asset; k of the asset's
/// n approver organisations approve; the owner or a regulator can revoke. Each grant carries
/// its expiry, operations, job quota and differential-privacy budget (in milli-epsilon).
/// Only the job ledger consumes quota and budget, atomically with the job it records.
contract AccessGrants is IAccessGrants {
    uint8 public constant STATUS_REQUESTED = 1;
    uint8 public constant STATUS_APPROVED = 2;
    uint8 public constant STATUS_DENIED = 3;
    uint8 public constant STATUS_REVOKED = 4;
    uint64 public constant MAX_DURATION_SECONDS = 5 * 365 days;

    struct Grant {
        uint64 assetId;
        uint32 granteeOrg;
        uint8 status;
        uint8 allowedOps;
        uint8 approvalMask; // bit i set: approver i of the asset approved
        uint8 approvalCount;
        uint32 maxJobs;
        uint32 jobsUsed;
        uint64 expiresAt;
        uint64 durationSeconds;
        uint64 epsilonBudgetMilli;
        uint64 epsilonSpentMilli;
        uint64 requestedAt;
        bytes32 purposeHash;
    }

    IConsortium public immutable consortium;
    IDataCatalog public immutable catalog;
    address public jobLedger;
    uint64 public grantCount;
    mapping(uint64 => Grant) private grants;
    /// Epsilon spent per asset and requester organisation, over all of its grants on the asset.
    mapping(uint64 => mapping(uint32 => uint64)) public requesterEpsilonSpentMilli;

    error NotAdmin(address caller);
    error JobLedgerAlreadySet(address jobLedger);
    error NotJobLedger(address caller);
    error UnknownGrant(uint64 grantId);
    error InvalidOperations(uint8 requested, uint8 allowed);
    error ZeroHash(string field);
    error InvalidDuration(uint64 durationSeconds);
    error InvalidMaxJobs(uint32 maxJobs);
    error InvalidEpsilonBudget(uint64 epsilonBudgetMilli);
    error NotApprover(uint64 grantId, uint32 orgId);
    error AlreadyApproved(uint64 grantId, uint32 orgId);
    error GrantNotPending(uint64 grantId, uint8 status);
    error GrantNotApproved(uint64 grantId, uint8 status);
    error GrantIsRevoked(uint64 grantId);
    error GrantExpired(uint64 grantId, uint64 expiredAt);
    error NotGrantee(uint64 grantId, uint32 orgId);
    error OperationNotAllowed(uint64 grantId, uint8 requested, uint8 allowed);
    error JobQuotaExceeded(uint64 grantId, uint32 maxJobs);
    error EpsilonBudgetExceeded(uint64 grantId, uint64 remainingMilli, uint64 requestedMilli);
    error NotOwnerOrRegulator(uint64 grantId, uint32 orgId);
    error DifferentialPrivacyRequired(uint64 assetId);
    error EpsilonOutOfRange(uint64 assetId, uint32 requestedMilli, uint32 minMilli, uint32 maxMilli);
    error RequesterEpsilonBudgetExceeded(uint64 assetId, uint32 requesterOrg, uint64 remainingMilli, uint64 requestedMilli);

    event GrantRequested(
        uint64 indexed grantId,
        uint64 indexed assetId,
        uint32 indexed granteeOrg,
        uint8 allowedOps,
        bytes32 purposeHash,
        uint64 durationSeconds,
        uint32 maxJobs,
        uint64 epsilonBudgetMilli
    );
    event GrantApprovalRecorded(uint64 indexed grantId, uint32 indexed approverOrg, uint8 approvals, uint8 required);
    event GrantApproved(uint64 indexed grantId, uint64 expiresAt);
    event GrantDenied(uint64 indexed grantId, uint32 indexed byOrg, bytes32 reasonHash);
    event GrantRevoked(uint64 indexed grantId, uint32 indexed byOrg, bytes32 reasonHash);
    event GrantConsumed(uint64 indexed grantId, uint32 jobsUsed, uint64 epsilonSpentMilli);
    event RequesterEpsilonCharged(
        uint64 indexed assetId, uint32 indexed requesterOrg, uint64 spentMilli, uint64 budgetMilli
    );
    event JobLedgerSet(address jobLedger);

    constructor(IConsortium consortium_, IDataCatalog catalog_) {
        consortium = consortium_;
        catalog = catalog_;
    }

    /// Wiring, once, by the deployer (who is the consortium admin at deployment).
    function setJobLedger(address ledger) external {
        if (jobLedger != address(0)) revert JobLedgerAlreadySet(jobLedger);
        if (consortium.admin() != msg.sender) revert NotAdmin(msg.sender);
        jobLedger = ledger;
        emit JobLedgerSet(ledger);
    }

    function request(
        uint64 assetId,
        uint8 ops,
        bytes32 purposeHash,
        uint64 durationSeconds,
        uint32 maxJobs,
        uint64 epsilonBudgetMilli
    ) external returns (uint64 grantId) {
        uint32 grantee = consortium.requireMember(msg.sender, 4 /* REQUESTER */);
        (,, uint8 assetOps,) = catalog.usableAsset(assetId);
        if (ops == 0 || ops & assetOps != ops) revert InvalidOperations(ops, assetOps);
        if (purposeHash == bytes32(0)) revert ZeroHash("purposeHash");
        if (durationSeconds == 0 || durationSeconds > MAX_DURATION_SECONDS) revert InvalidDuration(durationSeconds);
        // bounded to what signed 32/64-bit readers (the indexer, the nodes) hold
        if (maxJobs == 0 || maxJobs > uint32(type(int32).max)) revert InvalidMaxJobs(maxJobs);
        if (epsilonBudgetMilli > uint64(type(int64).max)) revert InvalidEpsilonBudget(epsilonBudgetMilli);
        grantId = ++grantCount;
        Grant storage g = grants[grantId];
        g.assetId = assetId;
        g.granteeOrg = grantee;
        g.status = STATUS_REQUESTED;
        g.allowedOps = ops;
        g.maxJobs = maxJobs;
        g.durationSeconds = durationSeconds;
        g.epsilonBudgetMilli = epsilonBudgetMilli;
        g.requestedAt = uint64(block.timestamp);
        g.purposeHash = purposeHash;
        emit GrantRequested(grantId, assetId, grantee, ops, purposeHash, durationSeconds, maxJobs, epsilonBudgetMilli);
    }

    /// One approver organisation's approval; the grant becomes usable (and its expiry clock
    /// starts) when the asset's threshold k is reached.
    function approve(uint64 grantId) external {
        Grant storage g = _pending(grantId);
        (uint32 orgId, uint8 index) = _approverOf(g, grantId);
        uint8 bit = uint8(1) << index;
        if (g.approvalMask & bit != 0) revert AlreadyApproved(grantId, orgId);
        g.approvalMask |= bit;
        g.approvalCount += 1;
        uint8 required = catalog.approvalsRequired(g.assetId);
        emit GrantApprovalRecorded(grantId, orgId, g.approvalCount, required);
        if (g.approvalCount >= required) {
            g.status = STATUS_APPROVED;
            g.expiresAt = uint64(block.timestamp) + g.durationSeconds;
            emit GrantApproved(grantId, g.expiresAt);
        }
    }

    function deny(uint64 grantId, bytes32 reasonHash) external {
        Grant storage g = _pending(grantId);
        (uint32 orgId,) = _approverOf(g, grantId);
        g.status = STATUS_DENIED;
        emit GrantDenied(grantId, orgId, reasonHash);
    }

    function revoke(uint64 grantId, bytes32 reasonHash) external {
        Grant storage g = _known(grantId);
        uint32 orgId = consortium.requireMember(msg.sender, 0);
        if (orgId != catalog.ownerOf(g.assetId) && !consortium.hasRole(orgId, 1 /* REGULATOR */)) {
            revert NotOwnerOrRegulator(grantId, orgId);
        }
        if (g.status != STATUS_REQUESTED && g.status != STATUS_APPROVED) revert GrantNotPending(grantId, g.status);
        g.status = STATUS_REVOKED;
        emit GrantRevoked(grantId, orgId, reasonHash);
    }

    function consume(uint64 grantId, uint32 requesterOrg, uint8 ops, uint32 epsilonMilli)
        external
        override
        returns (uint64 assetId)
    {
        if (msg.sender != jobLedger) revert NotJobLedger(msg.sender);
        Grant storage g = _known(grantId);
        if (g.granteeOrg != requesterOrg) revert NotGrantee(grantId, requesterOrg);
        if (g.status == STATUS_REVOKED) revert GrantIsRevoked(grantId);
        if (g.status != STATUS_APPROVED) revert GrantNotApproved(grantId, g.status);
        if (block.timestamp >= g.expiresAt) revert GrantExpired(grantId, g.expiresAt);
        if (ops == 0 || ops & g.allowedOps != ops) revert OperationNotAllowed(grantId, ops, g.allowedOps);
        if (g.jobsUsed >= g.maxJobs) revert JobQuotaExceeded(grantId, g.maxJobs);
        uint64 remaining = g.epsilonBudgetMilli - g.epsilonSpentMilli;
        if (epsilonMilli > remaining) revert EpsilonBudgetExceeded(grantId, remaining, epsilonMilli);
        catalog.usableAsset(g.assetId); // a retired asset serves no more jobs
        _chargeRequester(g.assetId, requesterOrg, epsilonMilli);
        g.jobsUsed += 1;
        g.epsilonSpentMilli += epsilonMilli;
        emit GrantConsumed(grantId, g.jobsUsed, g.epsilonSpentMilli);
        return g.assetId;
    }

    /// The owner's epsilon rules: DP when required, the per-job range for any noisy job, and one
    /// budget per requester organisation across all its grants on the asset.
    function _chargeRequester(uint64 assetId, uint32 requesterOrg, uint32 epsilonMilli) private {
        (bool dpRequired, uint32 minMilli, uint32 maxMilli, uint64 budget) = catalog.epsilonPolicy(assetId);
        if (epsilonMilli == 0) {
            if (dpRequired) revert DifferentialPrivacyRequired(assetId);
            return;
        }
        if (epsilonMilli < minMilli || epsilonMilli > maxMilli) {
            revert EpsilonOutOfRange(assetId, epsilonMilli, minMilli, maxMilli);
        }
        uint64 spent = requesterEpsilonSpentMilli[assetId][requesterOrg];
        uint64 remaining = budget > spent ? budget - spent : 0;
        if (epsilonMilli > remaining) revert RequesterEpsilonBudgetExceeded(assetId, requesterOrg, remaining, epsilonMilli);
        spent += epsilonMilli;
        requesterEpsilonSpentMilli[assetId][requesterOrg] = spent;
        emit RequesterEpsilonCharged(assetId, requesterOrg, spent, budget);
    }

    // ---- views -------------------------------------------------------------------------

    function getGrant(uint64 grantId)
        external
        view
        returns (
            uint64 assetId,
            uint32 granteeOrg,
            uint8 status,
            uint8 allowedOps,
            uint8 approvalCount,
            uint32 maxJobs,
            uint32 jobsUsed,
            uint64 expiresAt,
            uint64 durationSeconds,
            uint64 epsilonBudgetMilli,
            uint64 epsilonSpentMilli,
            bytes32 purposeHash
        )
    {
        Grant storage g = _known(grantId);
        return (
            g.assetId, g.granteeOrg, g.status, g.allowedOps, g.approvalCount, g.maxJobs, g.jobsUsed,
            g.expiresAt, g.durationSeconds, g.epsilonBudgetMilli, g.epsilonSpentMilli, g.purposeHash
        );
    }

    function _known(uint64 grantId) private view returns (Grant storage g) {
        g = grants[grantId];
        if (g.status == 0) revert UnknownGrant(grantId);
    }

    function _pending(uint64 grantId) private view returns (Grant storage g) {
        g = _known(grantId);
        if (g.status != STATUS_REQUESTED) revert GrantNotPending(grantId, g.status);
    }

    function _approverOf(Grant storage g, uint64 grantId) private view returns (uint32 orgId, uint8 index) {
        orgId = consortium.requireMember(msg.sender, 0);
        bool found;
        (found, index) = catalog.approverIndex(g.assetId, orgId);
        if (!found) revert NotApprover(grantId, orgId);
    }
}
