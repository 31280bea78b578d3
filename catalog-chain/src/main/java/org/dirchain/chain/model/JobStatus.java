package org.dirchain.chain.model;

/** Life cycle of a job on the ledger; the on-chain value is {@link #code()}. */
public enum JobStatus {
    SUBMITTED(1),
    SETTLED(2),
    FAILED(3),
    TIMED_OUT(4);

    private final int code;

    JobStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static JobStatus ofCode(int code) {
        for (JobStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown job status " + code);
    }
}
