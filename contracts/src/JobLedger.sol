// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./Interfaces.sol";

/// Jobs and their settlement. Submitting escrows the fee and consumes every grant's quota and
/// epsilon atomically. Each node signs an attestation (asset commitment used, contribution
/// weight); the operator settles with the result hash and contributions that must equal the
/// attestations; the fee is split among the asset owners by weight, exactly (the last payee
/// takes the rounding remainder). Failure or timeout refunds the payer. Payments are pulled.
contract JobLedger {
    uint8 public constant STATUS_SUBMITTED = 1;
    uint8 public constant STATUS_SETTLED = 2;
    uint8 public constant STATUS_FAILED = 3;
    uint8 public constant STATUS_TIMED_OUT = 4;
    uint256 public constant MAX_ASSETS = 8;
    uint64 public constant MIN_TIMEOUT_SECONDS = 60;
    uint64 public constant MAX_TIMEOUT_SECONDS = 30 days;

    struct Job {
        uint32 requesterOrg;
        uint8 status;
        uint8 ops;
        uint8 assetCount;
        uint8 quorum;
        uint8 attestedMask;
        uint8 attestedCount;
        uint32 epsilonMilli;
        uint64 createdAt;
        uint64 deadline;
        address payer;
        uint96 fee;
        bytes32 specHash;
        bytes32 resultHash;
        uint64[8] assetIds;
        uint64[8] grantIds;
        uint64[8] weights;
    }

    IConsortium public immutable consortium;
    IDataCatalog public immutable catalog;
    IAccessGrants public immutable grants;
    uint64 public jobCount;
    mapping(uint64 => Job) private jobs;
    mapping(address => uint256) public credit;
    uint256 public totalCredit;

    error UnknownJob(uint64 jobId);
    error JobNotOpen(uint64 jobId, uint8 status);
    error ZeroHash(string field);
    error InvalidAssetCount(uint256 count);
    error DuplicateAsset(uint64 assetId);
    error InvalidQuorum(uint8 quorum, uint256 assets);
    error InvalidTimeout(uint64 timeoutSeconds);
    error FeeTooLarge(uint256 fee);
    error AssetIndexOutOfRange(uint8 index, uint8 count);
    error AlreadyAttested(uint64 jobId, uint8 index);
    error ZeroWeight();
    error BadSignature();
    error NotAssetNode(uint64 assetId, uint32 signerOrg);
    error StaleCommitment(uint64 assetId, bytes32 attested, bytes32 current);
    error DeadlinePassed(uint64 jobId, uint64 deadline);
    error DeadlineNotReached(uint64 jobId, uint64 deadline);
    error ContributionsLength(uint256 given, uint8 expected);
    error ContributionMismatch(uint8 index, uint64 attested, uint64 given);
    error QuorumNotMet(uint64 jobId, uint8 attested, uint8 quorum);
    error NotRequesterOrOperator(uint64 jobId, uint32 orgId);
    error NothingToWithdraw(address account);
    error TransferFailed(address to, uint256 amount);

    event JobSubmitted(
        uint64 indexed jobId,
        uint32 indexed requesterOrg,
        uint8 ops,
        bytes32 specHash,
        uint256 fee,
        uint8 quorum,
        uint64 deadline,
        uint32 epsilonMilli,
        uint64[] assetIds,
        uint64[] grantIds
    );
    event JobAssetBound(uint64 indexed jobId, uint64 indexed assetId, uint32 indexed providerOrg, uint64 grantId);
    event JobAttested(
        uint64 indexed jobId, uint64 indexed assetId, uint32 indexed nodeOrg, bytes32 commitment, uint64 weight
    );
    event JobSettled(uint64 indexed jobId, bytes32 resultHash, uint64 totalWeight, uint256 fee);
    event JobFailed(uint64 indexed jobId, uint8 status, bytes32 reasonHash);
    event PaymentCredited(uint64 indexed jobId, uint32 indexed orgId, address indexed payee, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);

    constructor(IConsortium consortium_, IDataCatalog catalog_, IAccessGrants grants_) {
        consortium = consortium_;
        catalog = catalog_;
        grants = grants_;
    }

    function submitJob(
        uint8 ops,
        bytes32 specHash,
        uint64[] calldata grantIds,
        uint32 epsilonMilli,
        uint8 quorum,
        uint64 timeoutSeconds
    ) external payable returns (uint64 jobId) {
        uint32 requesterOrg = consortium.requireMember(msg.sender, 4 /* REQUESTER */);
        if (specHash == bytes32(0)) revert ZeroHash("specHash");
        if (grantIds.length == 0 || grantIds.length > MAX_ASSETS) revert InvalidAssetCount(grantIds.length);
        if (quorum == 0 || quorum > grantIds.length) revert InvalidQuorum(quorum, grantIds.length);
        if (timeoutSeconds < MIN_TIMEOUT_SECONDS || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            revert InvalidTimeout(timeoutSeconds);
        }
        if (msg.value > type(uint96).max) revert FeeTooLarge(msg.value);

        jobId = ++jobCount;
        Job storage j = jobs[jobId];
        j.requesterOrg = requesterOrg;
        j.status = STATUS_SUBMITTED;
        j.ops = ops;
        j.assetCount = uint8(grantIds.length);
        j.quorum = quorum;
        j.epsilonMilli = epsilonMilli;
        j.createdAt = uint64(block.timestamp);
        j.deadline = uint64(block.timestamp) + timeoutSeconds;
        j.payer = msg.sender;
        j.fee = uint96(msg.value);
        j.specHash = specHash;
        uint64[] memory assetIds = new uint64[](grantIds.length);
        for (uint256 i = 0; i < grantIds.length; i++) {
            uint64 assetId = grants.consume(grantIds[i], requesterOrg, ops, epsilonMilli);
            for (uint256 k = 0; k < i; k++) {
                if (assetIds[k] == assetId) revert DuplicateAsset(assetId);
            }
            assetIds[i] = assetId;
            j.assetIds[i] = assetId;
            j.grantIds[i] = grantIds[i];
            emit JobAssetBound(jobId, assetId, catalog.ownerOf(assetId), grantIds[i]);
        }
        emit JobSubmitted(
            jobId, requesterOrg, ops, specHash, msg.value, quorum, j.deadline, epsilonMilli, assetIds, grantIds
        );
    }

    /// The message a node signs (EIP-191 personal_sign of this digest).
    function attestationDigest(uint64 jobId, uint64 assetId, bytes32 commitment, uint64 weight)
        public
        view
        returns (bytes32)
    {
        return keccak256(abi.encode(address(this), block.chainid, jobId, assetId, commitment, weight));
    }

    /// Records a node's signed attestation; anyone (normally the operator) may relay it.
    function attest(uint64 jobId, uint8 assetIndex, bytes32 commitment, uint64 weight, bytes calldata signature)
        external
    {
        Job storage j = _open(jobId);
        if (block.timestamp > j.deadline) revert DeadlinePassed(jobId, j.deadline);
        if (assetIndex >= j.assetCount) revert AssetIndexOutOfRange(assetIndex, j.assetCount);
        uint8 bit = uint8(1) << assetIndex;
        if (j.attestedMask & bit != 0) revert AlreadyAttested(jobId, assetIndex);
        if (weight == 0) revert ZeroWeight();
        uint64 assetId = j.assetIds[assetIndex];
        address signer = _recover(attestationDigest(jobId, assetId, commitment, weight), signature);
        (, uint32 nodeOrg,, bytes32 current) = catalog.usableAsset(assetId);
        uint32 signerOrg = consortium.orgOf(signer);
        if (signerOrg != nodeOrg) revert NotAssetNode(assetId, signerOrg);
        consortium.requireActiveOrg(nodeOrg, 8 /* NODE */);
        if (commitment != current) revert StaleCommitment(assetId, commitment, current);
        j.attestedMask |= bit;
        j.attestedCount += 1;
        j.weights[assetIndex] = weight;
        emit JobAttested(jobId, assetId, nodeOrg, commitment, weight);
    }

    function settle(uint64 jobId, bytes32 resultHash, uint64[] calldata contributions) external {
        consortium.requireMember(msg.sender, 16 /* OPERATOR */);
        Job storage j = _open(jobId);
        if (block.timestamp > j.deadline) revert DeadlinePassed(jobId, j.deadline);
        if (resultHash == bytes32(0)) revert ZeroHash("resultHash");
        if (contributions.length != j.assetCount) revert ContributionsLength(contributions.length, j.assetCount);
        if (j.attestedCount < j.quorum) revert QuorumNotMet(jobId, j.attestedCount, j.quorum);
        uint64 total = 0;
        for (uint8 i = 0; i < j.assetCount; i++) {
            if (contributions[i] != j.weights[i]) revert ContributionMismatch(i, j.weights[i], contributions[i]);
            total += contributions[i];
        }
        j.status = STATUS_SETTLED;
        j.resultHash = resultHash;
        uint256 fee = j.fee;
        uint256 paid = 0;
        uint8 remaining = j.attestedCount;
        for (uint8 i = 0; i < j.assetCount; i++) {
            if (j.weights[i] == 0) continue;
            remaining -= 1;
            uint256 share = remaining == 0 ? fee - paid : (fee * j.weights[i]) / total;
            paid += share;
            uint32 ownerOrg = catalog.ownerOf(j.assetIds[i]);
            address payee = consortium.payoutOf(ownerOrg);
            _credit(payee, share);
            emit PaymentCredited(jobId, ownerOrg, payee, share);
        }
        emit JobSettled(jobId, resultHash, total, fee);
    }

    /// The requester (cancel) or the operator (quorum not reachable) fails a job: refund.
    function fail(uint64 jobId, bytes32 reasonHash) external {
        Job storage j = _open(jobId);
        uint32 orgId = consortium.requireMember(msg.sender, 0);
        if (orgId != j.requesterOrg && !consortium.hasRole(orgId, 16 /* OPERATOR */)) {
            revert NotRequesterOrOperator(jobId, orgId);
        }
        _refund(jobId, j, STATUS_FAILED, reasonHash);
    }

    /// Anyone may close a job whose deadline passed without settlement: refund.
    function expire(uint64 jobId) external {
        Job storage j = _open(jobId);
        if (block.timestamp <= j.deadline) revert DeadlineNotReached(jobId, j.deadline);
        _refund(jobId, j, STATUS_TIMED_OUT, bytes32(0));
    }

    function withdraw() external {
        uint256 amount = credit[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        credit[msg.sender] = 0;
        totalCredit -= amount;
        emit Withdrawn(msg.sender, amount);
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert TransferFailed(msg.sender, amount);
    }

    // ---- views -------------------------------------------------------------------------

    function getJob(uint64 jobId)
        external
        view
        returns (
            uint32 requesterOrg,
            uint8 status,
            uint8 ops,
            uint8 quorum,
            uint8 attestedCount,
            uint32 epsilonMilli,
            uint64 createdAt,
            uint64 deadline,
            address payer,
            uint256 fee,
            bytes32 specHash,
            bytes32 resultHash
        )
    {
        Job storage j = _known(jobId);
        return (
            j.requesterOrg, j.status, j.ops, j.quorum, j.attestedCount, j.epsilonMilli, j.createdAt,
            j.deadline, j.payer, j.fee, j.specHash, j.resultHash
        );
    }

    function getJobAssets(uint64 jobId)
        external
        view
        returns (uint64[] memory assetIds, uint64[] memory grantIds, uint64[] memory weights)
    {
        Job storage j = _known(jobId);
        assetIds = new uint64[](j.assetCount);
        grantIds = new uint64[](j.assetCount);
        weights = new uint64[](j.assetCount);
        for (uint256 i = 0; i < j.assetCount; i++) {
            assetIds[i] = j.assetIds[i];
            grantIds[i] = j.grantIds[i];
            weights[i] = j.weights[i];
        }
    }

    function _known(uint64 jobId) private view returns (Job storage j) {
        j = jobs[jobId];
        if (j.status == 0) revert UnknownJob(jobId);
    }

    function _open(uint64 jobId) private view returns (Job storage j) {
        j = _known(jobId);
        if (j.status != STATUS_SUBMITTED) revert JobNotOpen(jobId, j.status);
    }

    function _refund(uint64 jobId, Job storage j, uint8 status, bytes32 reasonHash) private {
        j.status = status;
        _credit(j.payer, j.fee);
        emit JobFailed(jobId, status, reasonHash);
    }

    function _credit(address payee, uint256 amount) private {
        credit[payee] += amount;
        totalCredit += amount;
    }

    /// EIP-191 ("\x19Ethereum Signed Message:\n32") recovery with low-s and v checks.
    function _recover(bytes32 digest, bytes calldata sig) private pure returns (address signer) {
        if (sig.length != 65) revert BadSignature();
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        if (v != 27 && v != 28) revert BadSignature();
        if (uint256(s) > 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) revert BadSignature();
        bytes32 ethDigest = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", digest));
        signer = ecrecover(ethDigest, v, r, s);
        if (signer == address(0)) revert BadSignature();
    }
}
