package dev.eoc.examples.cli;

import java.io.PrintStream;

/**
 * Prints how to continue when a long command is stopped by SIGINT or SIGTERM (the JVM runs its
 * shutdown hooks then): {@code eoc: interrupted: run the same command with --resume to continue}.
 * Results written so far are complete (run directories record whole epochs), so nothing is lost.
 * Closed when the command ends normally, after which it prints nothing.
 */
final class InterruptHint implements AutoCloseable {

    private final Thread hook;

    private InterruptHint(String hint, PrintStream err) {
        this.hook =
                new Thread(() -> err.println("eoc: interrupted: " + hint), "eoc-interrupt-hint");
    }

    /** Registers the hint until {@link #close()}. */
    static InterruptHint install(String hint) {
        InterruptHint h = new InterruptHint(hint, System.err);
        Runtime.getRuntime().addShutdownHook(h.hook);
        return h;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hint is being printed
        }
    }
}
