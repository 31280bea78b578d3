package org.dirchain.node.verify;

/**
 * Why a node will not run a job. Carries the gRPC-facing category; the message is the precise
 * reason, returned to the caller and logged. Nothing has been computed when this is thrown.
 */
public final class Refusal extends RuntimeException {
    /** Mirrors the gRPC status the service answers with. */
    public enum Kind {
        NOT_FOUND,
        PERMISSION_DENIED,
        FAILED_PRECONDITION,
        INVALID_ARGUMENT
    }

    private final Kind kind;

    public Refusal(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static Refusal notFound(String reason) {
        return new Refusal(Kind.NOT_FOUND, reason);
    }

    public static Refusal denied(String reason) {
        return new Refusal(Kind.PERMISSION_DENIED, reason);
    }

    public static Refusal precondition(String reason) {
        return new Refusal(Kind.FAILED_PRECONDITION, reason);
    }

    public static Refusal invalid(String reason) {
        return new Refusal(Kind.INVALID_ARGUMENT, reason);
    }
}
