package dev.eoc.examples.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external program (npm, apt-get) with its output captured for error messages. */
final class ExternalCommand {
    /** How many trailing characters of the program's output an error message quotes. */
    private static final int OUTPUT_TAIL_CHARS = 2000;

    private ExternalCommand() {}

    /** Exit status and combined stdout/stderr of a finished program. */
    record Result(int exitCode, String output) {
        /** The end of the output, short enough for an error message. */
        String tail() {
            String trimmed = output.strip();
            return trimmed.length() <= OUTPUT_TAIL_CHARS
                    ? trimmed
                    : "..." + trimmed.substring(trimmed.length() - OUTPUT_TAIL_CHARS);
        }
    }

    /**
     * Runs {@code command} in {@code workDir}.
     *
     * @throws IOException when the program cannot be started (typically: not installed)
     * @throws DatasetFetchException when it runs longer than {@code timeout}
     */
    static Result run(List<String> command, Path workDir, Map<String, String> env, Duration timeout)
            throws IOException {
        Path log = Files.createTempFile("eoc-command-", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close(); // the programs must not wait for input
            boolean finished;
            try {
                finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new DatasetFetchException("interrupted while running " + command, e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new DatasetFetchException(
                        String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(
                    process.exitValue(),
                    new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
