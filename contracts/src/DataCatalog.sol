// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./Interfaces.sol";

/// Catalogue of data assets. The data stays at its owner's node; the chain keeps commitments
/// (metadata, schema, content) and the usage policy. Title, URI and tags live in the event log
/// only (the indexer serves them), which keeps registration under 200k gas.
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

    struct Asset {
        uint32 ownerOrg;
        uint32 nodeOrg;
        uint32 version;
        uint32 minCohort;
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
        uint32 minCohort,
        bytes32[] tags,
        uint32[] approvers,
        uint8 approvalsRequired
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
        uint32 minCohort,
        uint32 nodeOrg,
        bytes32[] calldata tags,
        uint32[] calldata approvers,
        uint8 approvalThreshold
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
        a.minCohort = minCohort;
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
            classification, allowedOps, minCohort, tags, approvers, approvalThreshold
        );
    }

    /// A changed data set is republished as a new version with its new commitment; nodes refuse
    /// jobs whose local data does not match the current one.
    function publishVersion(
        uint64 assetId,
        bytes32 contentCommitment,
        bytes32 schemaHash,
        bytes32 metadataHash,
        string calldata metadataUri
    ) external {
        Asset storage a = _ownedLiveAsset(assetId);
        _checkHashes(metadataUri, metadataHash, schemaHash, contentCommitment);
        a.version += 1;
        a.updatedAt = uint64(block.timestamp);
        a.contentCommitment = contentCommitment;
        a.schemaHash = schemaHash;
        a.metadataHash = metadataHash;
        emit AssetVersionPublished(assetId, a.version, contentCommitment, schemaHash, metadataHash, metadataUri);
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
            uint32 minCohort,
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
            a.ownerOrg, a.nodeOrg, a.version, a.minCohort, a.updatedAt, a.classification, a.allowedOps,
            a.approvalsRequired, a.retired, a.metadataHash, a.schemaHash, a.contentCommitment
        );
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
