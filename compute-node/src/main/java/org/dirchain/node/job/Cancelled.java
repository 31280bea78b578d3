package org.dirchain.node.job;

/** The caller went away or its deadline passed: stop, return nothing. */
public final class Cancelled extends RuntimeException {
    private final boolean deadlineExceeded;

    public Cancelled(boolean deadlineExceeded) {
        super(deadlineExceeded ? "deadline exceeded" : "cancelled", null, false, false);
        this.deadlineExceeded = deadlineExceeded;
    }

    public boolean deadlineExceeded() {
        return deadlineExceeded;
    }
}
