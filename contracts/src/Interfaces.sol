// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// Cross-contract views the directory contracts use of each other.
interface IConsortium {
    function requireMember(address account, uint8 role) external view returns (uint32 orgId);
    function requireActiveOrg(uint32 orgId, uint8 role) external view;
    function hasRole(uint32 orgId, uint8 role) external view returns (bool);
    function orgOf(address account) external view returns (uint32);
    function payoutOf(uint32 orgId) external view returns (address);
    function admin() external view returns (address);
}

interface IDataCatalog {
    /// Reverts UnknownAsset / AssetIsRetired; returns what grants and jobs need of an asset.
    function usableAsset(uint64 assetId)
        external
        view
        returns (uint32 ownerOrg, uint32 nodeOrg, uint8 allowedOps, bytes32 contentCommitment);

    function approverIndex(uint64 assetId, uint32 orgId) external view returns (bool found, uint8 index);

    function approvalsRequired(uint64 assetId) external view returns (uint8);

    /// The epsilon rules of the asset's release policy, checked when a job is submitted.
    function epsilonPolicy(uint64 assetId)
        external
        view
        returns (bool dpRequired, uint32 minEpsilonMilli, uint32 maxEpsilonMilli, uint64 requesterBudgetMilli);

    /// The owner organisation, retired or not.
    function ownerOf(uint64 assetId) external view returns (uint32);
}

interface IAccessGrants {
    /// Called by the job ledger only: checks and consumes one job of quota and epsilon budget.
    function consume(uint64 grantId, uint32 requesterOrg, uint8 ops, uint32 epsilonMilli)
        external
        returns (uint64 assetId);
}
