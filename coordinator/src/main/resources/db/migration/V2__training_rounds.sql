-- Per-round metrics of federated training jobs: the job's progress and the data for plotting it.
CREATE TABLE training_rounds (
    job_id          BIGINT                   NOT NULL,
    round           INTEGER                  NOT NULL,
    metrics         VARCHAR(20000)           NOT NULL,   -- JSON, see TrainingRoundView
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT training_rounds_pk PRIMARY KEY (job_id, round),
    CONSTRAINT training_rounds_job_fk FOREIGN KEY (job_id) REFERENCES jobs (id)
);
