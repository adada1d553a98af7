package dev.eoc.examples.train;

/**
 * A run that cannot go on, for a reason the user can act on: its directory is in use by another
 * process, its files are damaged beyond repair, or its training diverged. The message is one line
 * that names the file or value and what to do; the CLI prints it and exits 1.
 */
public final class RunFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: what failed, where, and what to do
     */
    public RunFailedException(String message) {
        super(message);
    }

    /**
     * @param message one line: what failed, where, and what to do
     * @param cause the underlying failure
     */
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
