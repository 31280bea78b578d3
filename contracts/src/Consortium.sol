// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./Interfaces.sol";

/// Organisations of the consortium, their roles, accounts, payout address and compute node.
/// Current Besu releases have no on-chain permissioning, so every write of every directory
/// contract checks membership and role here.
contract Consortium is IConsortium {
    uint8 public constant ROLE_REGULATOR = 1;
    uint8 public constant ROLE_PROVIDER = 2;
    uint8 public constant ROLE_REQUESTER = 4;
    uint8 public constant ROLE_NODE = 8;
    uint8 public constant ROLE_OPERATOR = 16;
    uint8 public constant ALL_ROLES = 31;
    uint256 public constant MAX_NAME_BYTES = 128;
    uint256 public constant MAX_ENDPOINT_BYTES = 256;
    uint256 public constant MAX_KEY_BYTES = 1024;

    struct Organisation {
        uint8 roles;
        bool active;
        address payout;
        string name;
        string nodeEndpoint;
        bytes nodePublicKey;
    }

    address public override admin;
    uint32 public organisationCount;
    mapping(uint32 => Organisation) private organisations;
    mapping(address => uint32) public override orgOf;

    error NotAdmin(address caller);
    error NotMember(address account);
    error OrganisationIsSuspended(uint32 orgId);
    error MissingRole(uint32 orgId, uint8 role);
    error UnknownOrganisation(uint32 orgId);
    error InvalidRoles(uint8 roles);
    error EmptyName();
    error FieldTooLong(string field, uint256 length, uint256 max);
    error AccountAlreadyMember(address account, uint32 orgId);
    error ZeroAddress();
    error NotOwnAccount(address account);

    event OrganisationRegistered(uint32 indexed orgId, string name, uint8 roles, address indexed account);
    event AccountAdded(uint32 indexed orgId, address indexed account);
    event AccountRemoved(uint32 indexed orgId, address indexed account);
    event RolesChanged(uint32 indexed orgId, uint8 roles);
    event OrganisationSuspended(uint32 indexed orgId);
    event OrganisationRestored(uint32 indexed orgId);
    event PayoutChanged(uint32 indexed orgId, address payout);
    event NodeUpdated(uint32 indexed orgId, string endpoint, bytes publicKey);
    event AdminTransferred(address indexed previousAdmin, address indexed newAdmin);

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _;
    }

    constructor() {
        admin = msg.sender;
        emit AdminTransferred(address(0), msg.sender);
    }

    function registerOrganisation(string calldata name, uint8 roles, address account)
        external
        onlyAdmin
        returns (uint32 orgId)
    {
        if (bytes(name).length == 0) revert EmptyName();
        if (bytes(name).length > MAX_NAME_BYTES) revert FieldTooLong("name", bytes(name).length, MAX_NAME_BYTES);
        if (roles == 0 || roles > ALL_ROLES) revert InvalidRoles(roles);
        if (account == address(0)) revert ZeroAddress();
        if (orgOf[account] != 0) revert AccountAlreadyMember(account, orgOf[account]);
        orgId = ++organisationCount;
        Organisation storage org = organisations[orgId];
        org.name = name;
        org.roles = roles;
        org.active = true;
        org.payout = account;
        orgOf[account] = orgId;
        emit OrganisationRegistered(orgId, name, roles, account);
    }

    /// The admin or any account of the organisation itself may add accounts to it.
    function addAccount(uint32 orgId, address account) external {
        _requireAdminOrOwnOrg(orgId);
        if (account == address(0)) revert ZeroAddress();
        if (orgOf[account] != 0) revert AccountAlreadyMember(account, orgOf[account]);
        orgOf[account] = orgId;
        emit AccountAdded(orgId, account);
    }

    function removeAccount(address account) external {
        uint32 orgId = orgOf[account];
        if (orgId == 0) revert NotMember(account);
        _requireAdminOrOwnOrg(orgId);
        delete orgOf[account];
        emit AccountRemoved(orgId, account);
    }

    function setRoles(uint32 orgId, uint8 roles) external onlyAdmin {
        _requireKnown(orgId);
        if (roles == 0 || roles > ALL_ROLES) revert InvalidRoles(roles);
        organisations[orgId].roles = roles;
        emit RolesChanged(orgId, roles);
    }

    function suspend(uint32 orgId) external onlyAdmin {
        _requireKnown(orgId);
        organisations[orgId].active = false;
        emit OrganisationSuspended(orgId);
    }

    function restore(uint32 orgId) external onlyAdmin {
        _requireKnown(orgId);
        organisations[orgId].active = true;
        emit OrganisationRestored(orgId);
    }

    function setPayout(address payout) external {
        uint32 orgId = requireMember(msg.sender, 0);
        if (payout == address(0)) revert ZeroAddress();
        organisations[orgId].payout = payout;
        emit PayoutChanged(orgId, payout);
    }

    /// A node organisation publishes where its compute node listens and the public key it
    /// signs attestations and agrees masks with.
    function setNode(string calldata endpoint, bytes calldata publicKey) external {
        uint32 orgId = requireMember(msg.sender, ROLE_NODE);
        if (bytes(endpoint).length > MAX_ENDPOINT_BYTES) {
            revert FieldTooLong("endpoint", bytes(endpoint).length, MAX_ENDPOINT_BYTES);
        }
        if (publicKey.length > MAX_KEY_BYTES) revert FieldTooLong("publicKey", publicKey.length, MAX_KEY_BYTES);
        organisations[orgId].nodeEndpoint = endpoint;
        organisations[orgId].nodePublicKey = publicKey;
        emit NodeUpdated(orgId, endpoint, publicKey);
    }

    function transferAdmin(address newAdmin) external onlyAdmin {
        if (newAdmin == address(0)) revert ZeroAddress();
        emit AdminTransferred(admin, newAdmin);
        admin = newAdmin;
    }

    // ---- views -------------------------------------------------------------------------

    function getOrganisation(uint32 orgId)
        external
        view
        returns (
            string memory name,
            uint8 roles,
            bool active,
            address payout,
            string memory nodeEndpoint,
            bytes memory nodePublicKey
        )
    {
        _requireKnown(orgId);
        Organisation storage org = organisations[orgId];
        return (org.name, org.roles, org.active, org.payout, org.nodeEndpoint, org.nodePublicKey);
    }

    /// Reverts unless `account` belongs to an active organisation holding every bit of `role`.
    function requireMember(address account, uint8 role) public view override returns (uint32 orgId) {
        orgId = orgOf[account];
        if (orgId == 0) revert NotMember(account);
        requireActiveOrg(orgId, role);
    }

    function requireActiveOrg(uint32 orgId, uint8 role) public view override {
        _requireKnown(orgId);
        Organisation storage org = organisations[orgId];
        if (!org.active) revert OrganisationIsSuspended(orgId);
        if (org.roles & role != role) revert MissingRole(orgId, role);
    }

    function hasRole(uint32 orgId, uint8 role) external view override returns (bool) {
        Organisation storage org = organisations[orgId];
        return org.active && role != 0 && org.roles & role == role;
    }

    function payoutOf(uint32 orgId) external view override returns (address) {
        _requireKnown(orgId);
        return organisations[orgId].payout;
    }

    function _requireKnown(uint32 orgId) private view {
        if (orgId == 0 || orgId > organisationCount) revert UnknownOrganisation(orgId);
    }

    function _requireAdminOrOwnOrg(uint32 orgId) private view {
        _requireKnown(orgId);
        if (msg.sender != admin && orgOf[msg.sender] != orgId) revert NotOwnAccount(msg.sender);
    }
}
