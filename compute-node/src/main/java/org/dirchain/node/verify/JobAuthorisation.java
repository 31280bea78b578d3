package org.dirchain.node.verify;

import org.dirchain.chain.model.Asset;
import org.dirchain.chain.model.Grant;
import org.dirchain.chain.model.Job;

/** What the chain says about a job this node may run on one of its assets. */
public record JobAuthorisation(Job job, Asset asset, Grant grant, int assetIndex) {
    /** The differential-privacy epsilon the ledger charged for this job, in thousandths. */
    public long epsilonMilli() {
        return job.epsilonMilli();
    }
}
