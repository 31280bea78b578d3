-- Where each training job stands (after its setup or its latest round) and how many times a
-- coordinator started it: a restarted coordinator resumes the job from here, its secure sums under a
-- new attempt number (fresh keys and masks at the nodes).
CREATE TABLE training_checkpoints (
    job_id          BIGINT                   NOT NULL,
    incarnation     INTEGER                  NOT NULL,   -- 0 for the first start, +1 per resumption
    round           INTEGER,                             -- rounds completed; NULL before setup is done
    checkpoint      VARCHAR(1000000),                    -- JSON, see StoredCheckpoint
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT training_checkpoints_pk PRIMARY KEY (job_id),
    CONSTRAINT training_checkpoints_job_fk FOREIGN KEY (job_id) REFERENCES jobs (id),
    CONSTRAINT training_checkpoints_incarnation CHECK (incarnation >= 0)
);
