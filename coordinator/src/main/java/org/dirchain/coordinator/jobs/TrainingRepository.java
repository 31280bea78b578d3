package org.dirchain.coordinator.jobs;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Training jobs' per-round metrics (the job itself is a row of {@code jobs}, kind TRAIN_*). */
@Repository
class TrainingRepository {
    private final JdbcClient jdbc;
    private final Clock clock;

    TrainingRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void insertRound(long jobId, int round, String metricsJson) {
        jdbc.sql("INSERT INTO training_rounds (job_id, round, metrics, created_at) VALUES (?, ?, ?, ?)")
                .params(jobId, round, metricsJson, now()).update();
    }

    List<String> rounds(long jobId) {
        return jdbc.sql("SELECT metrics FROM training_rounds WHERE job_id = ? ORDER BY round").param(jobId)
                .query(String.class).list();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
