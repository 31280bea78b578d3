// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./Interfaces.sol";

/// Catalogue of data assets. The data stays at its owner's node; the chain keeps commitments
/// (metadata, schema, content) and the owner's release policy: what may leave the node, which
/// every node enforces and whose epsilon rules the grants contract checks at job submission.
/// Title, URI, tags and the schema text live in the event log only (the indexer serves them),
/// which keeps registration under 200k gas. The policy changes only with a new version.
contract DataCatalog is IDataCatalog {
    uint8 public constant OP_COUNT = 1;
    uint8 public constant OP_SUM = 2;
    uint8 public constant OP_MEAN = 4;
    uint8 public constant OP_VARIANCE = 8;
    uint8 public constant OP_HISTOGRAM = 16;
    uint8 public constant OP_TRAIN_LINEAR = 32;
    uint8 public constant OP_TRAIN_LOGISTIC = 64;
    uint8 public constant ALL_OPS = 127;
    uint8 public constant MAX_CLASSIFICATION = 3; // PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED
    uint256 public constant MAX_TITLE_BYTES = 200;
    uint256 public constant MAX_URI_BYTES = 256;
    uint256 public constant MAX_TAGS = 8;
    uint256 public constant MAX_APPROVERS = 8;
    uint256 public constant MAX_SCHEMA_BYTES = 4096;
    uint16 public constant MAX_CELLS = 1000;
    uint8 public constant POLICY_INTEGER_GROUPS = 1; // group-by on an unprotected INTEGER column
    uint8 public constant POLICY_QUASI_RANGES = 2; // range filters on quasi-identifiers
    uint8 public constant POLICY_FLAGS = 3;

    /// The owner's contract with every requester. Columns are named by their position in the
    /// schema (bit i: column i), so one slot holds both masks.
    struct ReleasePolicy {
        bool dpRequired;
        uint32 minEpsilonMilli; // per job; > 0 when DP is required
        uint32 maxEpsilonMilli; // per job
        uint64 requesterEpsilonBudgetMilli; // one requester organisation, all its grants, all jobs
        uint32 minCellSize; // every released cell: each group, each histogram bucket, the cohort
        uint16 maxCells; // groups, and groups x buckets of any histogram
        uint8 flags;
        uint128 identifierColumns; // never grouped on, filtered or measured
        uint128 quasiIdentifierColumns; // never grouped on nor filtered by EQ/NE/IN
    }

    struct Asset {
        uint32 ownerOrg;
        uint32 nodeOrg;
        uint32 version;
        uint64 updatedAt;
        uint8 classification;
        uint8 allowedOps;
        uint8 approvalsRequired;
        uint8 approverCount;
        bool retired;
        uint32[8] approvers; // one storage slot; empty means the owner approves alone
        bytes32 metadataHash;
        bytes32 schemaHash;
        bytes32 contentCommitment;
    }

    IConsortium public immutable consortium;
    uint64 public assetCount;
    mapping(uint64 => Asset) private assets;
    mapping(uint64 => ReleasePolicy) private policies;

    error UnknownAsset(uint64 assetId);
    error AssetIsRetired(uint64 assetId);
    error NotAssetOwner(uint64 assetId, uint32 callerOrg);
    error EmptyTitle();
    error FieldTooLong(string field, uint256 length, uint256 max);
    error ZeroHash(string field);
    error InvalidClassification(uint8 classification);
    error InvalidOperations(uint8 ops);
    error TooManyItems(string field, uint256 count, uint256 max);
    error DuplicateApprover(uint32 orgId);
    error InvalidApprovalThreshold(uint8 required, uint256 approvers);
    error InvalidReleasePolicy(string field);

    event AssetRegistered(
        uint64 indexed assetId,
        uint32 indexed ownerOrg,
        uint32 indexed nodeOrg,
        string title,
        string metadataUri,
        bytes32 metadataHash,
        bytes32 schemaHash,
        bytes32 contentCommitment,
        uint8 classification,
        uint8 allowedOps,
        bytes32[] tags,
        uint32[] approvers,
        uint8 approvalsRequired
    );
    /// At registration and with every new version: the schema text (hashing to schemaHash) and
    /// the release policy in force from that version on.
    event ReleasePolicySet(
        uint64 indexed assetId,
        uint32 version,
        bool dpRequired,
        uint32 minEpsilonMilli,
        uint32 maxEpsilonMilli,
        uint64 requesterEpsilonBudgetMilli,
        uint32 minCellSize,
        uint16 maxCells,
        uint8 flags,
        uint128 identifierColumns,
        uint128 quasiIdentifierColumns,
        string schema
    );
    event AssetVersionPublished(
        uint64 indexed assetId,
        uint32 version,
        bytes32 contentCommitment,
        bytes32 schemaHash,
        bytes32 metadataHash,
        string metadataUri
    );
    event AssetRetired(uint64 indexed assetId, uint32 version);

    constructor(IConsortium consortium_) {
        consortium = consortium_;
    }

    function registerAsset(
        string calldata title,
        string calldata metadataUri,
        bytes32 metadataHash,
        bytes32 schemaHash,
        bytes32 contentCommitment,
        uint8 classification,
        uint8 allowedOps,
        uint32 nodeOrg,
        bytes32[] calldata tags,
        uint32[] calldata approvers,
        uint8 approvalThreshold,
        ReleasePolicy calldata policy,
        string calldata schema
    ) external returns (uint64 assetId) {
        uint32 ownerOrg = consortium.requireMember(msg.sender, 2 /* PROVIDER */);
        consortium.requireActiveOrg(nodeOrg, 8 /* NODE */);
        if (bytes(title).length == 0) revert EmptyTitle();
        if (bytes(title).length > MAX_TITLE_BYTES) revert FieldTooLong("title", bytes(title).length, MAX_TITLE_BYTES);
        _checkHashes(metadataUri, metadataHash, schemaHash, contentCommitment);
        if (classification > MAX_CLASSIFICATION) revert InvalidClassification(classification);
        if (allowedOps == 0 || allowedOps > ALL_OPS) revert InvalidOperations(allowedOps);
        if (tags.length > MAX_TAGS) revert TooManyItems("tags", tags.length, MAX_TAGS);
        if (approvers.length > MAX_APPROVERS) revert TooManyItems("approvers", approvers.length, MAX_APPROVERS);
        uint256 approverSlots = approvers.length == 0 ? 1 : approvers.length;
        if (approvalThreshold == 0 || approvalThreshold > approverSlots) {
            revert InvalidApprovalThreshold(approvalThreshold, approvers.length);
        }

        assetId = ++assetCount;
        Asset storage a = assets[assetId];
        a.ownerOrg = ownerOrg;
        a.nodeOrg = nodeOrg;
        a.version = 1;
        a.updatedAt = uint64(block.timestamp);
        a.classification = classification;
        a.allowedOps = allowedOps;
        a.approvalsRequired = approvalThreshold;
        a.approverCount = uint8(approvers.length);
        for (uint256 i = 0; i < approvers.length; i++) {
            consortium.requireActiveOrg(approvers[i], 0);
            for (uint256 j = 0; j < i; j++) {
                if (approvers[j] == approvers[i]) revert DuplicateApprover(approvers[i]);
            }
            a.approvers[i] = approvers[i];
        }
        a.metadataHash = metadataHash;
        a.schemaHash = schemaHash;
        a.contentCommitment = contentCommitment;
        emit AssetRegistered(
            assetId, ownerOrg, nodeOrg, title, metadataUri, metadataHash, schemaHash, contentCommitment,
            classification, allowedOps, tags, approvers, approvalThreshold
        );
        _setPolicy(assetId, 1, policy, schema);
    }

    /// A changed data set is republished as a new version with its new commitment; nodes refuse
    /// jobs whose local data does not match the current one. The release policy is restated
    /// with every version: this is the only way to change it.
    function publishVersion(
        uint64 assetId,
        bytes32 contentCommitment,
        bytes32 schemaHash,
        bytes32 metadataHash,
        string calldata metadataUri,
        ReleasePolicy calldata policy,
        string calldata schema
    ) external {
        Asset storage a = _ownedLiveAsset(assetId);
        _checkHashes(metadataUri, metadataHash, schemaHash, contentCommitment);
        a.version += 1;
        a.updatedAt = uint64(block.timestamp);
        a.contentCommitment = contentCommitment;
        a.schemaHash = schemaHash;
        a.metadataHash = metadataHash;
        emit AssetVersionPublished(assetId, a.version, contentCommitment, schemaHash, metadataHash, metadataUri);
        _setPolicy(assetId, a.version, policy, schema);
    }

    function retire(uint64 assetId) external {
        Asset storage a = _ownedLiveAsset(assetId);
        a.retired = true;
        a.updatedAt = uint64(block.timestamp);
        emit AssetRetired(assetId, a.version);
    }

    // ---- views -------------------------------------------------------------------------

    function getAsset(uint64 assetId)
        external
        view
        returns (
            uint32 ownerOrg,
            uint32 nodeOrg,
            uint32 version,
            uint32 minCellSize,
            uint64 updatedAt,
            uint8 classification,
            uint8 allowedOps,
            uint8 approvalsRequired_,
            bool retired,
            bytes32 metadataHash,
            bytes32 schemaHash,
            bytes32 contentCommitment
        )
    {
        Asset storage a = _known(assetId);
        return (
            a.ownerOrg, a.nodeOrg, a.version, policies[assetId].minCellSize, a.updatedAt, a.classification, a.allowedOps,
            a.approvalsRequired, a.retired, a.metadataHash, a.schemaHash, a.contentCommitment
        );
    }

    /// The release policy in force (the latest version's).
    function releasePolicy(uint64 assetId) external view returns (ReleasePolicy memory) {
        _known(assetId);
        return policies[assetId];
    }

    function epsilonPolicy(uint64 assetId)
        external
        view
        override
        returns (bool dpRequired, uint32 minEpsilonMilli, uint32 maxEpsilonMilli, uint64 requesterBudgetMilli)
    {
        ReleasePolicy storage p = policies[assetId];
        _known(assetId);
        return (p.dpRequired, p.minEpsilonMilli, p.maxEpsilonMilli, p.requesterEpsilonBudgetMilli);
    }

    /// The organisations whose approval counts for grants on this asset.
    function approversOf(uint64 assetId) public view returns (uint32[] memory list) {
        Asset storage a = _known(assetId);
        if (a.approverCount == 0) {
            list = new uint32[](1);
            list[0] = a.ownerOrg;
            return list;
        }
        list = new uint32[](a.approverCount);
        for (uint256 i = 0; i < a.approverCount; i++) list[i] = a.approvers[i];
    }

    function usableAsset(uint64 assetId)
        external
        view
        override
        returns (uint32 ownerOrg, uint32 nodeOrg, uint8 allowedOps, bytes32 contentCommitment)
    {
        Asset storage a = _known(assetId);
        if (a.retired) revert AssetIsRetired(assetId);
        return (a.ownerOrg, a.nodeOrg, a.allowedOps, a.contentCommitment);
    }

    function approverIndex(uint64 assetId, uint32 orgId) external view override returns (bool found, uint8 index) {
        uint32[] memory list = approversOf(assetId);
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == orgId) return (true, uint8(i));
        }
        return (false, 0);
    }

    function approvalsRequired(uint64 assetId) external view override returns (uint8) {
        return _known(assetId).approvalsRequired;
    }

    function ownerOf(uint64 assetId) external view override returns (uint32) {
        return _known(assetId).ownerOrg;
    }

    function _known(uint64 assetId) private view returns (Asset storage a) {
        a = assets[assetId];
        if (a.version == 0) revert UnknownAsset(assetId);
    }

    function _ownedLiveAsset(uint64 assetId) private view returns (Asset storage a) {
        a = _known(assetId);
        uint32 callerOrg = consortium.requireMember(msg.sender, 2 /* PROVIDER */);
        if (a.ownerOrg != callerOrg) revert NotAssetOwner(assetId, callerOrg);
        if (a.retired) revert AssetIsRetired(assetId);
    }

    function _setPolicy(uint64 assetId, uint32 version, ReleasePolicy calldata p, string calldata schema) private {
        if (bytes(schema).length == 0 || bytes(schema).length > MAX_SCHEMA_BYTES) {
            revert FieldTooLong("schema", bytes(schema).length, MAX_SCHEMA_BYTES);
        }
        if (p.dpRequired && p.minEpsilonMilli == 0) revert InvalidReleasePolicy("minEpsilonMilli");
        if (p.maxEpsilonMilli == 0 || p.maxEpsilonMilli < p.minEpsilonMilli) {
            revert InvalidReleasePolicy("maxEpsilonMilli");
        }
        // bounded to what signed 32/64-bit readers (the indexer, the nodes) hold
        if (p.requesterEpsilonBudgetMilli < p.maxEpsilonMilli || p.requesterEpsilonBudgetMilli > uint64(type(int64).max)) {
            revert InvalidReleasePolicy("requesterEpsilonBudgetMilli");
        }
        if (p.minCellSize > uint32(type(int32).max)) revert InvalidReleasePolicy("minCellSize");
        if (p.maxCells == 0 || p.maxCells > MAX_CELLS) revert InvalidReleasePolicy("maxCells");
        if (p.flags & ~POLICY_FLAGS != 0) revert InvalidReleasePolicy("flags");
        if (p.identifierColumns & p.quasiIdentifierColumns != 0) revert InvalidReleasePolicy("quasiIdentifierColumns");
        policies[assetId] = p;
        emit ReleasePolicySet(
            assetId, version, p.dpRequired, p.minEpsilonMilli, p.maxEpsilonMilli, p.requesterEpsilonBudgetMilli,
            p.minCellSize, p.maxCells, p.flags, p.identifierColumns, p.quasiIdentifierColumns, schema
        );
    }

    function _checkHashes(string calldata uri, bytes32 metadataHash, bytes32 schemaHash, bytes32 commitment)
        private
        pure
    {
        if (bytes(uri).length > MAX_URI_BYTES) revert FieldTooLong("metadataUri", bytes(uri).length, MAX_URI_BYTES);
        if (metadataHash == bytes32(0)) revert ZeroHash("metadataHash");
        if (schemaHash == bytes32(0)) revert ZeroHash("schemaHash");
        if (commitment == bytes32(0)) revert ZeroHash("contentCommitment");
    }
}
