package org.dirchain.node.federation;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.dirchain.federated.Standardiser;
import org.dirchain.node.train.LocalClient;
import org.dirchain.node.train.TrainingSpec;

/**
 * What a node remembers of one training job between calls: its local client (prepared with the
 * agreed standardiser), the job's node organisations, and the rounds in which its update was in the
 * sum — counted by the node itself, because they become its attested weight.
 */
final class TrainingJobContext {
    final long jobId;
    final long assetId;
    final TrainingSpec spec;
    final int minParticipants;
    final LocalClient client;
    final Set<Long> nodeOrgs;
    final Map<String, Long> accountOrgs = new ConcurrentHashMap<>();
    private final Map<Integer, Long> roundRows = new TreeMap<>();
    private Standardiser prepared;
    volatile Instant lastUsed = Instant.now();

    TrainingJobContext(long jobId, long assetId, TrainingSpec spec, int minParticipants, LocalClient client,
            Set<Long> nodeOrgs) {
        this.jobId = jobId;
        this.assetId = assetId;
        this.spec = spec;
        this.minParticipants = minParticipants;
        this.client = client;
        this.nodeOrgs = Set.copyOf(nodeOrgs);
    }

    /** Prepares the local client once per standardiser (it binds the table's rows to the scaling). */
    synchronized void prepare(Standardiser standardiser) {
        if (!standardiser.equals(prepared)) {
            client.prepare(spec, standardiser);
            prepared = standardiser;
        }
    }

    synchronized void countRound(int round, long rows) {
        roundRows.put(round, rows);
    }

    synchronized int roundsParticipated() {
        return roundRows.size();
    }

    /** Training rows of the latest round this node's update was summed in; 0 if none. */
    synchronized long rowsUsed() {
        return roundRows.isEmpty() ? 0 : ((TreeMap<Integer, Long>) roundRows).lastEntry().getValue();
    }
}
