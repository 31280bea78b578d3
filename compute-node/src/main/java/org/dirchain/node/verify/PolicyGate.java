package org.dirchain.node.verify;

import java.util.Arrays;
import java.util.function.Consumer;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.policy.PolicyViolation;
import org.dirchain.node.policy.ReleaseRules;

/**
 * The node's own application of the owner's release policy, read from chain with the job: the
 * policy names columns by their position in the published schema, so the local table's schema must
 * be the one the chain records (same hash) before any rule is read against it.
 */
public final class PolicyGate {
    private PolicyGate() {}

    /** @throws Refusal PERMISSION_DENIED naming the field the policy refuses */
    public static void check(JobAuthorisation auth, TableSchema local, Consumer<ReleaseRules> rules) {
        long assetId = auth.asset().id();
        if (!Arrays.equals(local.schemaHash(), auth.asset().schemaHash().bytes())) {
            throw Refusal.precondition("the local schema of asset " + assetId + " is not the one published on chain "
                    + "(its release policy names columns by position): republish it as a new version");
        }
        try {
            rules.accept(new ReleaseRules(local, auth.asset().policy(), assetId));
        } catch (PolicyViolation v) {
            throw Refusal.denied("release policy of asset " + assetId + ": " + v.field() + ": " + v.getMessage());
        }
    }
}
