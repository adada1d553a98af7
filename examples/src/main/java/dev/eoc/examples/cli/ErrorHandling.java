package dev.eoc.examples.cli;

import dev.eoc.examples.data.DatasetFetchException;
import dev.eoc.examples.data.DatasetFormatException;
import dev.eoc.examples.data.DatasetNotFoundException;
import dev.eoc.examples.train.RunFailedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns user errors into one line on stderr, {@code eoc: <message>}, and an exit code, without a
 * stack trace: {@value #EXIT_USAGE} for bad input (picocli parse errors and {@link
 * IllegalArgumentException}, which includes the core's NoEdgeOfChaosException), {@value
 * #EXIT_NUMERIC} for {@link ArithmeticException} (a numerical method that did not converge or a
 * variance that diverged), {@value #EXIT_USAGE} for a missing dataset (the message names the
 * command that fetches it), {@value #EXIT_DATA} for a dataset that cannot be fetched or read and
 * {@value #EXIT_RUN_FAILED} for a training run that cannot go on ({@code RunFailedException}).
 * Other exceptions are bugs: one line and exit {@value #EXIT_INTERNAL}, or the stack trace when the
 * environment variable {@value #STACKTRACE_VARIABLE} is set.
 */
final class ErrorHandling {

    /** Exit code for bad input. */
    static final int EXIT_USAGE = 2;

    /** Exit code for a numerical failure. */
    static final int EXIT_NUMERIC = 3;

    /** Exit code for a dataset that could not be fetched or read. */
    static final int EXIT_DATA = 1;

    /** Exit code for a run that could not go on (directory in use, damaged files, divergence). */
    static final int EXIT_RUN_FAILED = 1;

    /** Exit code for an unexpected exception, a bug (EX_SOFTWARE of sysexits.h). */
    static final int EXIT_INTERNAL = 70;

    /** Set (to anything) to get the stack trace of an internal error instead of one line. */
    static final String STACKTRACE_VARIABLE = "EOC_STACKTRACE";

    private ErrorHandling() {}

    /** Installs both handlers on {@code cli} and all its subcommands; returns cli. */
    static CommandLine install(CommandLine cli) {
        cli.setExecutionExceptionHandler(new OnExecution());
        cli.setParameterExceptionHandler(new OnParameters());
        return cli;
    }

    private static int report(CommandLine cmd, String message, int code) {
        PrintWriter err = cmd.getErr();
        err.println("eoc: " + String.valueOf(message).replace('\n', ' '));
        err.flush();
        return code;
    }

    private static final class OnExecution implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed)
                throws Exception {
            cmd.getOut().flush();
            if (e instanceof IllegalArgumentException) {
                return report(cmd, e.getMessage(), EXIT_USAGE);
            }
            if (e instanceof ArithmeticException) {
                return report(cmd, e.getMessage(), EXIT_NUMERIC);
            }
            if (e instanceof DatasetNotFoundException) {
                return report(cmd, e.getMessage(), EXIT_USAGE);
            }
            if (e instanceof DatasetFormatException || e instanceof DatasetFetchException) {
                return report(cmd, e.getMessage(), EXIT_DATA);
            }
            if (e instanceof RunFailedException) {
                return report(cmd, e.getMessage(), EXIT_RUN_FAILED);
            }
            if (e instanceof java.io.UncheckedIOException) {
                // a file that cannot be read or written: its message names it
                return report(cmd, e.getMessage(), EXIT_RUN_FAILED);
            }
            if (System.getenv(STACKTRACE_VARIABLE) != null) {
                throw e;
            }
            return report(
                    cmd,
                    "internal error: "
                            + e
                            + " (a bug in eoc; "
                            + STACKTRACE_VARIABLE
                            + "=1 prints the stack trace for a report)",
                    EXIT_INTERNAL);
        }
    }

    private static final class OnParameters implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            return report(
                    cmd,
                    e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')",
                    EXIT_USAGE);
        }
    }
}
