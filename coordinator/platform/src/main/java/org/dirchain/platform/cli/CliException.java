package org.dirchain.platform.cli;

/** Something the command cannot do, said in one line for the operator (exit status 4). */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
