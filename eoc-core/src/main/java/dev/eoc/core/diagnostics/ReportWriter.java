package dev.eoc.core.diagnostics;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Appends reports to a file, one record per report, flushed after each so that an interrupted run
 * keeps every report it finished. Formats: {@link #csv} (one row per layer) and {@link #jsonLines}
 * (one JSON object per report). Both start with the provenance the caller passes (project version,
 * git revision, configuration, seed, ...).
 */
public interface ReportWriter extends Closeable {

    /** Writes one report and flushes. */
    void write(PropagationSnapshot snapshot, PropagationDiagnosis.Diagnosis diagnosis)
            throws IOException;

    /** A CSV writer creating (truncating) {@code file}. */
    static ReportWriter csv(Path file, Map<String, String> provenance) {
        return new CsvReportWriter(file, provenance);
    }

    /** A JSON Lines writer creating (truncating) {@code file}. */
    static ReportWriter jsonLines(Path file, Map<String, String> provenance) {
        return new JsonLinesReportWriter(file, provenance);
    }

    /**
     * Chooses the format from the file name: {@code .csv} gives CSV, {@code .jsonl} or {@code
     * .json} JSON Lines.
     *
     * @throws IllegalArgumentException for any other extension
     */
    static ReportWriter forFile(Path file, Map<String, String> provenance) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return csv(file, provenance);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return jsonLines(file, provenance);
        }
        throw new IllegalArgumentException(
                "report file '" + file + "' must end in .csv, .jsonl or .json");
    }

    /** Wraps an I/O failure at open time. */
    static UncheckedIOException cannotOpen(Path file, IOException e) {
        return new UncheckedIOException("cannot open report file " + file, e);
    }
}
