package org.dirchain.chain.errors;

import java.util.List;

/**
 * One exception type per custom error of the directory contracts, so that callers catch exactly the
 * refusal they handle (e.g. {@link GrantExpired}, {@link NotAssetOwner}). A test checks that every
 * error in the compiled ABIs has its class here.
 */
public final class Reverts {
    private Reverts() {}

    /** The specific exception for {@code errorName}, or a plain {@link ContractRevertException}. */
    public static ContractRevertException of(String errorName, List<Object> args) {
        try {
            Class<?> type = Class.forName(Reverts.class.getName() + "$" + errorName);
            if (ContractRevertException.class.isAssignableFrom(type)) {
                return (ContractRevertException) type.getConstructor(List.class).newInstance(args);
            }
        } catch (ClassNotFoundException e) {
            // an error this client does not know by name (e.g. Error(string) or Panic)
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate revert type " + errorName, e);
        }
        return new ContractRevertException(errorName, args);
    }

    public static final class AccountAlreadyMember extends ContractRevertException {
        public AccountAlreadyMember(List<Object> args) {
            super("AccountAlreadyMember", args);
        }
    }

    public static final class AlreadyApproved extends ContractRevertException {
        public AlreadyApproved(List<Object> args) {
            super("AlreadyApproved", args);
        }
    }

    public static final class AlreadyAttested extends ContractRevertException {
        public AlreadyAttested(List<Object> args) {
            super("AlreadyAttested", args);
        }
    }

    public static final class AssetIndexOutOfRange extends ContractRevertException {
        public AssetIndexOutOfRange(List<Object> args) {
            super("AssetIndexOutOfRange", args);
        }
    }

    public static final class AssetIsRetired extends ContractRevertException {
        public AssetIsRetired(List<Object> args) {
            super("AssetIsRetired", args);
        }
    }

    public static final class BadSignature extends ContractRevertException {
        public BadSignature(List<Object> args) {
            super("BadSignature", args);
        }
    }

    public static final class ContributionMismatch extends ContractRevertException {
        public ContributionMismatch(List<Object> args) {
            super("ContributionMismatch", args);
        }
    }

    public static final class ContributionsLength extends ContractRevertException {
        public ContributionsLength(List<Object> args) {
            super("ContributionsLength", args);
        }
    }

    public static final class DeadlineNotReached extends ContractRevertException {
        public DeadlineNotReached(List<Object> args) {
            super("DeadlineNotReached", args);
        }
    }

    public static final class DeadlinePassed extends ContractRevertException {
        public DeadlinePassed(List<Object> args) {
            super("DeadlinePassed", args);
        }
    }

    public static final class DuplicateApprover extends ContractRevertException {
        public DuplicateApprover(List<Object> args) {
            super("DuplicateApprover", args);
        }
    }

    public static final class DuplicateAsset extends ContractRevertException {
        public DuplicateAsset(List<Object> args) {
            super("DuplicateAsset", args);
        }
    }

    public static final class EmptyName extends ContractRevertException {
        public EmptyName(List<Object> args) {
            super("EmptyName", args);
        }
    }

    public static final class EmptyTitle extends ContractRevertException {
        public EmptyTitle(List<Object> args) {
            super("EmptyTitle", args);
        }
    }

    public static final class DifferentialPrivacyRequired extends ContractRevertException {
        public DifferentialPrivacyRequired(List<Object> args) {
            super("DifferentialPrivacyRequired", args);
        }
    }

    public static final class EpsilonBudgetExceeded extends ContractRevertException {
        public EpsilonBudgetExceeded(List<Object> args) {
            super("EpsilonBudgetExceeded", args);
        }
    }

    public static final class EpsilonOutOfRange extends ContractRevertException {
        public EpsilonOutOfRange(List<Object> args) {
            super("EpsilonOutOfRange", args);
        }
    }

    public static final class FeeTooLarge extends ContractRevertException {
        public FeeTooLarge(List<Object> args) {
            super("FeeTooLarge", args);
        }
    }

    public static final class FieldTooLong extends ContractRevertException {
        public FieldTooLong(List<Object> args) {
            super("FieldTooLong", args);
        }
    }

    public static final class GrantExpired extends ContractRevertException {
        public GrantExpired(List<Object> args) {
            super("GrantExpired", args);
        }
    }

    public static final class GrantIsRevoked extends ContractRevertException {
        public GrantIsRevoked(List<Object> args) {
            super("GrantIsRevoked", args);
        }
    }

    public static final class GrantNotApproved extends ContractRevertException {
        public GrantNotApproved(List<Object> args) {
            super("GrantNotApproved", args);
        }
    }

    public static final class GrantNotPending extends ContractRevertException {
        public GrantNotPending(List<Object> args) {
            super("GrantNotPending", args);
        }
    }

    public static final class InvalidApprovalThreshold extends ContractRevertException {
        public InvalidApprovalThreshold(List<Object> args) {
            super("InvalidApprovalThreshold", args);
        }
    }

    public static final class InvalidReleasePolicy extends ContractRevertException {
        public InvalidReleasePolicy(List<Object> args) {
            super("InvalidReleasePolicy", args);
        }
    }

    public static final class InvalidAssetCount extends ContractRevertException {
        public InvalidAssetCount(List<Object> args) {
            super("InvalidAssetCount", args);
        }
    }

    public static final class InvalidClassification extends ContractRevertException {
        public InvalidClassification(List<Object> args) {
            super("InvalidClassification", args);
        }
    }

    public static final class InvalidDuration extends ContractRevertException {
        public InvalidDuration(List<Object> args) {
            super("InvalidDuration", args);
        }
    }

    public static final class InvalidEpsilonBudget extends ContractRevertException {
        public InvalidEpsilonBudget(List<Object> args) {
            super("InvalidEpsilonBudget", args);
        }
    }

    public static final class InvalidMaxJobs extends ContractRevertException {
        public InvalidMaxJobs(List<Object> args) {
            super("InvalidMaxJobs", args);
        }
    }

    public static final class InvalidOperations extends ContractRevertException {
        public InvalidOperations(List<Object> args) {
            super("InvalidOperations", args);
        }
    }

    public static final class InvalidQuorum extends ContractRevertException {
        public InvalidQuorum(List<Object> args) {
            super("InvalidQuorum", args);
        }
    }

    public static final class InvalidRoles extends ContractRevertException {
        public InvalidRoles(List<Object> args) {
            super("InvalidRoles", args);
        }
    }

    public static final class InvalidTimeout extends ContractRevertException {
        public InvalidTimeout(List<Object> args) {
            super("InvalidTimeout", args);
        }
    }

    public static final class JobLedgerAlreadySet extends ContractRevertException {
        public JobLedgerAlreadySet(List<Object> args) {
            super("JobLedgerAlreadySet", args);
        }
    }

    public static final class JobNotOpen extends ContractRevertException {
        public JobNotOpen(List<Object> args) {
            super("JobNotOpen", args);
        }
    }

    public static final class JobQuotaExceeded extends ContractRevertException {
        public JobQuotaExceeded(List<Object> args) {
            super("JobQuotaExceeded", args);
        }
    }

    public static final class MissingRole extends ContractRevertException {
        public MissingRole(List<Object> args) {
            super("MissingRole", args);
        }
    }

    public static final class NotAdmin extends ContractRevertException {
        public NotAdmin(List<Object> args) {
            super("NotAdmin", args);
        }
    }

    public static final class NotApprover extends ContractRevertException {
        public NotApprover(List<Object> args) {
            super("NotApprover", args);
        }
    }

    public static final class NotAssetNode extends ContractRevertException {
        public NotAssetNode(List<Object> args) {
            super("NotAssetNode", args);
        }
    }

    public static final class NotAssetOwner extends ContractRevertException {
        public NotAssetOwner(List<Object> args) {
            super("NotAssetOwner", args);
        }
    }

    public static final class NotGrantee extends ContractRevertException {
        public NotGrantee(List<Object> args) {
            super("NotGrantee", args);
        }
    }

    public static final class NotJobLedger extends ContractRevertException {
        public NotJobLedger(List<Object> args) {
            super("NotJobLedger", args);
        }
    }

    public static final class NotMember extends ContractRevertException {
        public NotMember(List<Object> args) {
            super("NotMember", args);
        }
    }

    public static final class NotOwnAccount extends ContractRevertException {
        public NotOwnAccount(List<Object> args) {
            super("NotOwnAccount", args);
        }
    }

    public static final class NotOwnerOrRegulator extends ContractRevertException {
        public NotOwnerOrRegulator(List<Object> args) {
            super("NotOwnerOrRegulator", args);
        }
    }

    public static final class NotRequesterOrOperator extends ContractRevertException {
        public NotRequesterOrOperator(List<Object> args) {
            super("NotRequesterOrOperator", args);
        }
    }

    public static final class NothingToWithdraw extends ContractRevertException {
        public NothingToWithdraw(List<Object> args) {
            super("NothingToWithdraw", args);
        }
    }

    public static final class OperationNotAllowed extends ContractRevertException {
        public OperationNotAllowed(List<Object> args) {
            super("OperationNotAllowed", args);
        }
    }

    public static final class OrganisationIsSuspended extends ContractRevertException {
        public OrganisationIsSuspended(List<Object> args) {
            super("OrganisationIsSuspended", args);
        }
    }

    public static final class QuorumNotMet extends ContractRevertException {
        public QuorumNotMet(List<Object> args) {
            super("QuorumNotMet", args);
        }
    }

    public static final class RequesterEpsilonBudgetExceeded extends ContractRevertException {
        public RequesterEpsilonBudgetExceeded(List<Object> args) {
            super("RequesterEpsilonBudgetExceeded", args);
        }
    }

    public static final class StaleCommitment extends ContractRevertException {
        public StaleCommitment(List<Object> args) {
            super("StaleCommitment", args);
        }
    }

    public static final class TooManyItems extends ContractRevertException {
        public TooManyItems(List<Object> args) {
            super("TooManyItems", args);
        }
    }

    public static final class TransferFailed extends ContractRevertException {
        public TransferFailed(List<Object> args) {
            super("TransferFailed", args);
        }
    }

    public static final class UnknownAsset extends ContractRevertException {
        public UnknownAsset(List<Object> args) {
            super("UnknownAsset", args);
        }
    }

    public static final class UnknownGrant extends ContractRevertException {
        public UnknownGrant(List<Object> args) {
            super("UnknownGrant", args);
        }
    }

    public static final class UnknownJob extends ContractRevertException {
        public UnknownJob(List<Object> args) {
            super("UnknownJob", args);
        }
    }

    public static final class UnknownOrganisation extends ContractRevertException {
        public UnknownOrganisation(List<Object> args) {
            super("UnknownOrganisation", args);
        }
    }

    public static final class ZeroAddress extends ContractRevertException {
        public ZeroAddress(List<Object> args) {
            super("ZeroAddress", args);
        }
    }

    public static final class ZeroHash extends ContractRevertException {
        public ZeroHash(List<Object> args) {
            super("ZeroHash", args);
        }
    }

    public static final class ZeroWeight extends ContractRevertException {
        public ZeroWeight(List<Object> args) {
            super("ZeroWeight", args);
        }
    }
}
