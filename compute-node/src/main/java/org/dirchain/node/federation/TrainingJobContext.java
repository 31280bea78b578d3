package org.dirchain.node.federation;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dirchain.federated.Stage;
import org.dirchain.federated.Standardiser;
import org.dirchain.node.privacy.ReleaseJournal;
import org.dirchain.node.train.LocalClient;
import org.dirchain.node.train.StageAnswer;
import org.dirchain.node.train.TrainingSpec;

/**
 * What a node remembers of one training job between calls: its local client (prepared with the
 * agreed standardiser), the job's node organisations, and the rounds in which its update was in the
 * sum — counted by the node itself, because they become its attested weight — and its latest
 * answer to each stage, so that a stage asked again (a restarted coordinator, a new attempt) gets
 * the same vector rather than a second one.
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
    private final Map<Stage, Answered> answered = new EnumMap<>(Stage.class);
    private Standardiser prepared;
    volatile Instant lastUsed = Instant.now();

    private final ReleaseJournal journal;
    private final Instant keepUntil;

    /**
     * @param journal where noisy answers are recorded before they leave the node (a restarted node
     *     then resends them rather than drawing new noise)
     * @param keepUntil when the job is closed on chain for sure (its deadline plus a grace)
     */
    TrainingJobContext(long jobId, long assetId, TrainingSpec spec, int minParticipants, LocalClient client,
            Set<Long> nodeOrgs, ReleaseJournal journal, Instant keepUntil) {
        this.journal = journal;
        this.keepUntil = keepUntil;
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

    /**
     * This node's answer to a stage's round, computed once per round and input: asked again with the
     * same input (a new attempt), the same answer goes into the new session, masked afresh. Under
     * differential privacy each answer releases fresh noise, so a round is answered once: asking it
     * with another input, or asking an earlier round, is refused rather than answered a second time.
     *
     * @throws IllegalStateException under differential privacy, when the round was already answered
     */
    synchronized StageAnswer answer(Stage stage, int round, byte[] inputDigest, boolean noisy,
            Supplier<StageAnswer> compute) {
        Answered last = answered.get(stage);
        if (last == null && noisy) {
            last = journal.get(journalKey(stage)).map(Answered::decode).orElse(null); // released before a restart
        }
        if (last != null && last.round == round && Arrays.equals(last.inputDigest, inputDigest)) {
            return last.answer;
        }
        if (noisy && last != null && round <= last.round) {
            throw new IllegalStateException(stage + " round " + round + " of this differentially private job was "
                    + "already answered" + (round == last.round ? " for another model" : " (latest: round " + last.round + ")")
                    + "; a second noisy answer would spend budget the job does not have");
        }
        StageAnswer answer = compute.get();
        Answered now = new Answered(round, inputDigest.clone(), answer);
        if (noisy) {
            journal.put(journalKey(stage), keepUntil, now.encode()); // on disk before it leaves the node
        }
        answered.put(stage, now);
        return answer;
    }

    private String journalKey(Stage stage) {
        return "training/" + jobId + "/" + assetId + "/" + stage;
    }

    private record Answered(int round, byte[] inputDigest, StageAnswer answer) {
        byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(4 + 4 + inputDigest.length + 8 + 4 + 8 * answer.values().length);
            b.putInt(round).putInt(inputDigest.length).put(inputDigest).putLong(answer.rows())
                    .putInt(answer.values().length);
            for (double v : answer.values()) {
                b.putDouble(v);
            }
            return b.array();
        }

        static Answered decode(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int round = b.getInt();
            byte[] digest = new byte[b.getInt()];
            b.get(digest);
            long rows = b.getLong();
            double[] values = new double[b.getInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = b.getDouble();
            }
            return new Answered(round, digest, new StageAnswer(values, rows));
        }
    }

    /**
     * Records that a stage's round is being unmasked for these survivors. A round asked again (a
     * restarted coordinator, a new attempt) carries the same vector; unmasking it for another set of
     * survivors would give a second sum whose difference with the first reveals a node's vector, so
     * it is refused. Journaled, so it holds across this node's restarts.
     *
     * @throws IllegalStateException if the round was unmasked before for other survivors
     */
    synchronized void unmasking(String stage, int round, Set<Integer> survivors) {
        String key = "unmasked/" + jobId + "/" + assetId + "/" + stage + "/" + round;
        byte[] set = survivors.stream().sorted().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var earlier = journal.get(key);
        if (earlier.isPresent() && !Arrays.equals(earlier.get(), set)) {
            throw new IllegalStateException(stage + " round " + round + " was already unmasked for participants "
                    + new String(earlier.get(), java.nio.charset.StandardCharsets.US_ASCII) + "; another set would "
                    + "let the difference of the two sums reveal a vector");
        }
        if (earlier.isEmpty()) {
            journal.put(key, keepUntil, set);
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
