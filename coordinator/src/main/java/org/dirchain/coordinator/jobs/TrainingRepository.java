package org.dirchain.coordinator.jobs;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Training jobs' per-round metrics and checkpoints (the job itself is a row of {@code jobs}, kind
 * TRAIN_*). A round's metrics and the checkpoint after it are written together by the caller's
 * transaction, so a resumed job neither loses nor repeats a recorded round.
 */
@Repository
class TrainingRepository {
    private final JdbcClient jdbc;
    private final Clock clock;

    TrainingRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A round's metrics, replacing any left by an earlier start that ran the round but not its checkpoint. */
    void putRound(long jobId, int round, String metricsJson) {
        jdbc.sql("DELETE FROM training_rounds WHERE job_id = ? AND round = ?").params(jobId, round).update();
        jdbc.sql("INSERT INTO training_rounds (job_id, round, metrics, created_at) VALUES (?, ?, ?, ?)")
                .params(jobId, round, metricsJson, now()).update();
    }

    List<String> rounds(long jobId) {
        return jdbc.sql("SELECT metrics FROM training_rounds WHERE job_id = ? ORDER BY round").param(jobId)
                .query(String.class).list();
    }

    /**
     * Records one more start of the job and returns its number: 0 the first time, then 1, 2, … — the
     * attempt number of the start's secure sums, so no node is asked to reuse keys of an earlier start.
     */
    int beginIncarnation(long jobId) {
        int updated = jdbc.sql("UPDATE training_checkpoints SET incarnation = incarnation + 1, updated_at = ? "
                + "WHERE job_id = ?").params(now(), jobId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO training_checkpoints (job_id, incarnation, updated_at) VALUES (?, 0, ?)")
                    .params(jobId, now()).update();
        }
        return jdbc.sql("SELECT incarnation FROM training_checkpoints WHERE job_id = ?").param(jobId)
                .query(Integer.class).single();
    }

    void putCheckpoint(long jobId, int round, String checkpointJson) {
        jdbc.sql("UPDATE training_checkpoints SET round = ?, checkpoint = ?, updated_at = ? WHERE job_id = ?")
                .params(round, checkpointJson, now(), jobId).update();
    }

    /** The latest checkpoint's JSON; empty before the job's setup is done. */
    Optional<String> checkpoint(long jobId) {
        return jdbc.sql("SELECT checkpoint FROM training_checkpoints WHERE job_id = ? AND checkpoint IS NOT NULL")
                .param(jobId).query(String.class).optional();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
