package dev.eoc.examples.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes a CSV file row by row, starting with the provenance comment lines and a header row. Rows
 * are flushed as they are written, so an interrupted run keeps the rows it finished. Numbers are
 * written in full precision ({@link Double#toString}); NaN and infinities as {@code NaN}, {@code
 * Infinity}, {@code -Infinity}, which common CSV readers (pandas, R) understand.
 */
public final class CsvWriter implements AutoCloseable {
    private final Writer out;
    private final int columns;

    private CsvWriter(Writer out, int columns) {
        this.out = out;
        this.columns = columns;
    }

    /** Creates (or replaces) {@code file}, writing the provenance lines and the header row. */
    public static CsvWriter create(Path file, Provenance provenance, List<String> header) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            w.write(provenance.csvHeader());
            w.write(String.join(",", header));
            w.write('\n');
            w.flush();
            return new CsvWriter(w, header.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Continues {@code file} if it exists (after a comment line recording the new provenance), or
     * creates it as {@link #create} does. The header must be the one the file was created with.
     */
    public static CsvWriter appendOrCreate(Path file, Provenance provenance, List<String> header) {
        if (!Files.exists(file)) {
            return create(file, provenance, header);
        }
        try {
            BufferedWriter w =
                    Files.newBufferedWriter(
                            file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            w.write("# continued: " + provenance.oneLine() + "; " + provenance.commandLine());
            w.write('\n');
            w.flush();
            return new CsvWriter(w, header.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes one row; numbers are formatted with {@link #format(Object)}. */
    public void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalStateException(
                    "row has " + values.length + " values, header has " + columns);
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(format(values[i]));
        }
        try {
            out.write(line.append('\n').toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text of one cell: doubles in full precision, booleans and strings as they are. */
    static String format(Object value) {
        if (value instanceof Double d) {
            return Double.toString(d);
        }
        return String.valueOf(value).toLowerCase(Locale.ROOT).equals("null")
                ? ""
                : String.valueOf(value);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
