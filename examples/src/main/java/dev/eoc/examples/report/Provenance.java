package dev.eoc.examples.report;

import dev.eoc.core.EocVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where an output file came from: project version, git revision, command line, JDK and date.
 *
 * <p>{@link #csvHeader()} gives the comment lines ({@code # ...}) that start every CSV file. The
 * git revision is read with {@code git rev-parse --short HEAD} in the working directory and is
 * {@code unknown} when git or the repository is not there.
 *
 * @param version project version ({@link EocVersion#current()})
 * @param gitRevision short git revision or {@code unknown}
 * @param commandLine the command line that produced the file
 * @param jdk Java runtime version and vendor
 * @param date ISO-8601 UTC timestamp
 */
public record Provenance(
        String version, String gitRevision, String commandLine, String jdk, String date) {

    /** Revision reported when git cannot tell. */
    public static final String UNKNOWN = "unknown";

    /** How long {@code git rev-parse} may take before it is given up on. */
    private static final long GIT_TIMEOUT_SECONDS = 5;

    /** Provenance of the current process for the given command line. */
    public static Provenance of(String commandLine) {
        return new Provenance(
                EocVersion.current(),
                gitRevision(Path.of(System.getProperty("user.dir"))),
                commandLine,
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    /** The comment lines that start a CSV file, each beginning with {@code #}, newline-ended. */
    public String csvHeader() {
        return "# eoc "
                + version
                + ", git "
                + gitRevision
                + "\n# command: "
                + commandLine.replace('\n', ' ')
                + "\n# jdk: "
                + jdk
                + "\n# date: "
                + date
                + "\n";
    }

    /** One-line summary for chart subtitles and logs. */
    public String oneLine() {
        return "eoc " + version + ", git " + gitRevision + ", " + date;
    }

    /** {@code git rev-parse --short HEAD} in {@code dir}, or {@link #UNKNOWN}. */
    static String gitRevision(Path dir) {
        try {
            Process p =
                    new ProcessBuilder(List.of("git", "rev-parse", "--short", "HEAD"))
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return UNKNOWN;
            }
            return p.exitValue() == 0 && out.matches("[0-9a-f]{4,40}") ? out : UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }
}
