package org.dirchain.coordinator.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code jobs}, {@code job_contributions}, {@code job_results} and {@code outbox}. */
@Repository
class JobRepository {
    private static final String JOB_COLUMNS =
            "id, requester_org, kind, status, spec, spec_hash, progress, error, created_at, updated_at";
    private static final String CONTRIBUTION_COLUMNS = "job_id, asset_index, asset_id, node_org, status, payload, "
            + "attested_commitment, attested_weight, attestation_signature, error";

    private final JdbcClient jdbc;
    private final Clock clock;

    JobRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void insertJob(long id, long requesterOrg, byte[] spec, String specHash) {
        insertJob(id, requesterOrg, "AGGREGATE", spec, specHash);
    }

    /** @param kind AGGREGATE, or the TRAIN_* operation of a training job */
    void insertJob(long id, long requesterOrg, String kind, byte[] spec, String specHash) {
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO jobs (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)")
                .params(id, requesterOrg, kind, JobState.SUBMITTED.name(), spec, specHash, "submitted on chain", now, now)
                .update();
    }

    Optional<JobRecord> job(long id) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = ?").param(id).query(JobRepository::job)
                .optional();
    }

    /** Jobs left unfinished by an earlier run (the orchestrator picks them up again on start). */
    List<Long> jobIdsIn(JobState state) {
        return jdbc.sql("SELECT id FROM jobs WHERE status = ? ORDER BY id").param(state.name()).query(Long.class).list();
    }

    /** One page of the jobs an organisation requested, newest first; all states when {@code state} is null. */
    List<JobRecord> requestedBy(long requesterOrg, JobState state, int offset, int limit) {
        String inState = state == null ? "" : " AND status = :state";
        var query = jdbc.sql("SELECT " + JOB_COLUMNS + " FROM jobs WHERE requester_org = :org" + inState
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("org", requesterOrg).param("limit", limit).param("offset", offset);
        if (state != null) {
            query = query.param("state", state.name());
        }
        return query.query(JobRepository::job).list();
    }

    /** Jobs not SETTLED or FAILED yet, oldest first. */
    List<JobRecord> unfinishedJobs() {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM jobs WHERE status IN (?, ?, ?) ORDER BY id")
                .params(JobState.SUBMITTED.name(), JobState.RUNNING.name(), JobState.AGGREGATED.name())
                .query(JobRepository::job).list();
    }

    void updateJob(long id, JobState status, String progress, String error) {
        jdbc.sql("UPDATE jobs SET status = ?, progress = ?, error = ?, updated_at = ?, row_version = row_version + 1 "
                        + "WHERE id = ?")
                .params(status.name(), progress, error, now(), id).update();
    }

    void updateProgress(long id, String progress) {
        jdbc.sql("UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?").params(progress, now(), id).update();
    }

    void insertContribution(long jobId, int assetIndex, long assetId, long nodeOrg) {
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO job_contributions (job_id, asset_index, asset_id, node_org, status, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(jobId, assetIndex, assetId, nodeOrg, ContributionStatus.PENDING.name(), now, now).update();
    }

    void recordContribution(long jobId, int assetIndex, byte[] payload, String commitment, long weight,
            String signature) {
        jdbc.sql("UPDATE job_contributions SET status = ?, payload = ?, attested_commitment = ?, attested_weight = ?, "
                        + "attestation_signature = ?, error = NULL, updated_at = ? WHERE job_id = ? AND asset_index = ?")
                .params(ContributionStatus.OK.name(), payload, commitment, weight, signature, now(), jobId, assetIndex)
                .update();
    }

    void recordFailure(long jobId, int assetIndex, ContributionStatus status, String error) {
        jdbc.sql("UPDATE job_contributions SET status = ?, error = ?, updated_at = ? WHERE job_id = ? AND asset_index = ?")
                .params(status.name(), truncate(error, 2000), now(), jobId, assetIndex).update();
    }

    /** Forgets what the nodes answered, before the job is run again from the start. */
    void deleteContributions(long jobId) {
        jdbc.sql("DELETE FROM job_contributions WHERE job_id = ?").param(jobId).update();
    }

    List<ContributionRecord> contributions(long jobId) {
        return jdbc.sql("SELECT " + CONTRIBUTION_COLUMNS + " FROM job_contributions WHERE job_id = ? ORDER BY asset_index")
                .param(jobId).query(JobRepository::contribution).list();
    }

    void insertResult(long jobId, long requesterOrg, byte[] payload, String resultHash) {
        jdbc.sql("INSERT INTO job_results (job_id, requester_org, payload, result_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(jobId, requesterOrg, payload, resultHash, now()).update();
    }

    Optional<byte[]> resultPayload(long jobId) {
        return jdbc.sql("SELECT payload FROM job_results WHERE job_id = ?").param(jobId)
                .query((rs, row) -> rs.getBytes(1)).optional();
    }

    boolean hasResult(long jobId) {
        return jdbc.sql("SELECT COUNT(*) FROM job_results WHERE job_id = ?").param(jobId).query(Long.class).single() > 0;
    }

    /** Records a chain write; a step already recorded (same job, kind, discriminator) is left as it is. */
    void insertOutbox(long jobId, String kind, String discriminator, String payload) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM outbox WHERE job_id = ? AND kind = ? AND discriminator = ?")
                .params(jobId, kind, discriminator).query(Long.class).single() > 0;
        if (!exists) {
            OffsetDateTime now = now();
            jdbc.sql("INSERT INTO outbox (job_id, kind, discriminator, payload, status, attempts, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)")
                    .params(jobId, kind, discriminator, payload, now, now).update();
        }
    }

    /** Pending steps in the order they were recorded (due or not: a job's steps are sent in order). */
    List<OutboxStep> pendingOutboxSteps(int limit) {
        return jdbc.sql("SELECT id, job_id, kind, discriminator, payload, attempts, next_attempt_at FROM outbox "
                        + "WHERE status = 'PENDING' ORDER BY id LIMIT ?")
                .param(limit)
                .query((rs, row) -> new OutboxStep(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), instant(rs, "next_attempt_at")))
                .list();
    }

    /** Changes the status only when it is still one of {@code expected}; false otherwise. */
    boolean updateJobIf(long id, List<JobState> expected, JobState status, String progress, String error) {
        String in = String.join(", ", expected.stream().map(s -> "'" + s.name() + "'").toList());
        return jdbc.sql("UPDATE jobs SET status = ?, progress = ?, error = ?, updated_at = ?, "
                        + "row_version = row_version + 1 WHERE id = ? AND status IN (" + in + ")")
                .params(status.name(), progress, error, now(), id).update() == 1;
    }

    /** Marks the job's unsent steps FAILED with {@code note}: they can no longer succeed on chain. */
    int abandonPendingOutbox(long jobId, String note) {
        return jdbc.sql("UPDATE outbox SET status = 'FAILED', last_error = ?, updated_at = ? "
                        + "WHERE job_id = ? AND status = 'PENDING'")
                .params(truncate(note, 2000), now(), jobId).update();
    }

    void outboxDone(long stepId, String note) {
        jdbc.sql("UPDATE outbox SET status = 'DONE', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?")
                .params(truncate(note, 2000), now(), stepId).update();
    }

    void outboxAttemptFailed(long stepId, String error, boolean giveUp, Instant nextAttempt) {
        jdbc.sql("UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, "
                        + "updated_at = ? WHERE id = ?")
                .params(giveUp ? "FAILED" : "PENDING", truncate(error, 2000), nextAttempt.atOffset(ZoneOffset.UTC),
                        now(), stepId)
                .update();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static JobRecord job(ResultSet rs, int row) throws SQLException {
        return new JobRecord(rs.getLong("id"), rs.getLong("requester_org"), rs.getString("kind"),
                JobState.valueOf(rs.getString("status")), rs.getBytes("spec"), rs.getString("spec_hash"),
                rs.getString("progress"), rs.getString("error"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static ContributionRecord contribution(ResultSet rs, int row) throws SQLException {
        long weight = rs.getLong("attested_weight");
        Long w = rs.wasNull() ? null : weight;
        return new ContributionRecord(rs.getLong("job_id"), rs.getInt("asset_index"), rs.getLong("asset_id"),
                rs.getLong("node_org"), ContributionStatus.valueOf(rs.getString("status")), rs.getBytes("payload"),
                rs.getString("attested_commitment"), w, rs.getString("attestation_signature"), rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
