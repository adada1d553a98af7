package dev.eoc.examples.train;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Line-level repairs of a run directory's append-only files ({@code epochs.jsonl}, {@code
 * epochs.csv}, {@code layers.csv}) before a resume.
 *
 * <p>Each record is one line written by one call, so a kill can only cut the <em>last</em> line
 * short: such a tail (no final newline) is dropped and reported. A damaged line anywhere else is
 * not a kill's doing and is refused. Rewrites go to a temporary file that is then moved over the
 * original, so a crash during a repair leaves the old file or the new one, never half of each.
 */
final class RunFiles {

    private RunFiles() {}

    /**
     * Truncates {@code file} after its last newline when its last line is incomplete.
     *
     * @return a notice saying what was dropped, or null when the file was whole or absent
     */
    static String dropIncompleteTail(Path file) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return null;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                long n = f.length();
                f.seek(n - 1);
                if (f.read() == '\n') {
                    return null;
                }
                long keep = n - 1;
                while (keep > 0) {
                    f.seek(keep - 1);
                    if (f.read() == '\n') {
                        break;
                    }
                    keep--;
                }
                f.seek(keep);
                byte[] tail = new byte[(int) Math.min(n - keep, 60)];
                f.readFully(tail);
                f.setLength(keep);
                return file.getFileName()
                        + ": dropped an incomplete last line ("
                        + (n - keep)
                        + " bytes, '"
                        + new String(tail, StandardCharsets.UTF_8)
                        + (n - keep > 60 ? "..." : "")
                        + "'), left by a run killed while writing";
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the lines of {@code file} that {@code keep} accepts (comment and header lines are
     * always kept), atomically.
     *
     * @return how many lines were dropped
     */
    static int retain(Path file, Predicate<String> keep) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>();
            boolean headerSeen = !file.getFileName().toString().endsWith(".csv");
            for (String line : lines) {
                boolean structural = line.startsWith("#") || line.isBlank() || !headerSeen;
                if (!line.startsWith("#") && !line.isBlank()) {
                    headerSeen = true;
                }
                if (structural || keep.test(line)) {
                    kept.add(line);
                }
            }
            int dropped = lines.size() - kept.size();
            if (dropped > 0) {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.write(tmp, kept, StandardCharsets.UTF_8);
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            return dropped;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Seed and epoch of a CSV data row whose first two columns are seed and epoch, or null for a
     * row that does not parse as such.
     */
    static long[] seedEpoch(String csvRow) {
        String[] f = csvRow.split(",", 3);
        if (f.length < 2) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(f[0].strip()), Long.parseLong(f[1].strip())};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
