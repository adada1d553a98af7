package dev.eoc.examples.reproduce;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eoc.examples.train.EpochRecord;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a run directory of {@link dev.eoc.examples.train.RunDirectory} holds, read back for a
 * report: the configuration, initialization point and provenance of {@code run.json}, the epochs of
 * {@code epochs.jsonl} and the per-layer rows of {@code layers.csv} (absent for eoc-bn).
 *
 * <p>The files may be read while a run is still writing them: a line cut short at the end is
 * ignored, and when an epoch or layer row occurs twice (a crash between two files, then a resume)
 * the later one is kept.
 *
 * @param directory the run directory
 * @param config the configuration of the last invocation (its epochs and seeds are targets, not
 *     what was done: that is in {@code epochs})
 * @param init the initialization point as recorded ({@code scheme}, {@code sigma_b}, {@code
 *     sigma_w}, {@code q_star}, ...)
 * @param provenance the last invocation's provenance ({@code eoc_version}, {@code git}, {@code
 *     cpu}, ...)
 * @param epochs every recorded epoch, ordered by seed and epoch
 * @param layers every per-layer row, ordered by seed, epoch and layer
 */
public record RunData(
        Path directory,
        TrainingConfig config,
        Map<String, Object> init,
        Map<String, Object> provenance,
        List<EpochRecord> epochs,
        List<LayerRow> layers) {

    /** Name of the file that marks a run directory. */
    public static final String RUN_FILE = "run.json";

    /** How deep below the root {@link #findUnder} looks for run directories. */
    private static final int SEARCH_DEPTH = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunData {
        init = Collections.unmodifiableMap(withoutNulls(init));
        provenance = Collections.unmodifiableMap(withoutNulls(provenance));
        epochs = List.copyOf(epochs);
        layers = List.copyOf(layers);
    }

    /**
     * Every directory under {@code root} (itself included, at most {@value #SEARCH_DEPTH} levels
     * down) that holds a {@code run.json}, sorted by path.
     *
     * @throws IllegalArgumentException when {@code root} is not a directory
     */
    public static List<Path> findUnder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        try (Stream<Path> files = Files.walk(root, SEARCH_DEPTH)) {
            return files.filter(p -> p.getFileName().toString().equals(RUN_FILE))
                    .filter(Files::isRegularFile)
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a run directory.
     *
     * @throws IllegalArgumentException when {@code run.json} is missing or malformed
     */
    public static RunData read(Path dir) {
        Map<String, Object> run = readRunFile(dir.resolve(RUN_FILE));
        return new RunData(
                dir,
                config(dir, map(run, "config")),
                map(run, "init"),
                map(run, "provenance"),
                readEpochs(dir.resolve("epochs.jsonl")),
                readLayers(dir.resolve("layers.csv")));
    }

    /** The string value of a provenance entry, or {@code unknown}. */
    public String provenance(String key) {
        Object v = provenance.get(key);
        return v == null ? "unknown" : v.toString();
    }

    /** A number of the initialization point, NaN when absent. */
    public double initValue(String key) {
        return init.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static Map<String, Object> readRunFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + RUN_FILE + " in " + file.getParent());
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> run, String key) {
        Object v = run.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static TrainingConfig config(Path dir, Map<String, Object> c) {
        try {
            return new TrainingConfig(
                    Framework.parse(String.valueOf(c.get("framework"))),
                    String.valueOf(c.get("dataset")),
                    String.valueOf(c.get("activation")),
                    InitScheme.parse(String.valueOf(c.get("init"))),
                    optional(c, "sigma_b"),
                    optional(c, "sigma_w"),
                    integer(c, "depth"),
                    integer(c, "width"),
                    integer(c, "epochs"),
                    integer(c, "batch"),
                    ((Number) c.get("lr")).doubleValue(),
                    integer(c, "seeds"),
                    ((Number) c.get("first_seed")).longValue(),
                    integer(c, "limit_train"),
                    integer(c, "limit_test"),
                    integer(c, "listener_interval"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "malformed config in " + dir.resolve(RUN_FILE) + ": " + e, e);
        }
    }

    private static int integer(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("'" + key + "' is missing or not a number: " + v);
        }
        return n.intValue();
    }

    private static Double optional(Map<String, Object> c, String key) {
        return c.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    private static List<EpochRecord> readEpochs(Path file) {
        Map<String, EpochRecord> byKey = new LinkedHashMap<>();
        for (String line : lines(file)) {
            Map<String, Object> m;
            try {
                m = JSON.readValue(line, new TypeReference<Map<String, Object>>() {});
            } catch (IOException e) {
                break; // a line cut short by a crash or by a run still writing it
            }
            if (!m.containsKey("provenance")) {
                EpochRecord r = EpochRecord.fromMap(m);
                byKey.remove(r.seed() + ":" + r.epoch());
                byKey.put(r.seed() + ":" + r.epoch(), r);
            }
        }
        List<EpochRecord> out = new ArrayList<>(byKey.values());
        out.sort(
                (a, b) ->
                        a.seed() != b.seed()
                                ? Long.compare(a.seed(), b.seed())
                                : Integer.compare(a.epoch(), b.epoch()));
        return out;
    }

    private static List<LayerRow> readLayers(Path file) {
        Map<String, LayerRow> byKey = new LinkedHashMap<>();
        for (String line : lines(file)) {
            if (line.startsWith("#") || line.startsWith("seed,")) {
                continue;
            }
            try {
                LayerRow r = LayerRow.parse(line);
                byKey.put(r.seed() + ":" + r.epoch() + ":" + r.layer(), r);
            } catch (IllegalArgumentException e) {
                // NumberFormatException included: a row cut short by a run still writing it
            }
        }
        List<LayerRow> out = new ArrayList<>(byKey.values());
        out.sort(
                (a, b) ->
                        a.seed() != b.seed()
                                ? Long.compare(a.seed(), b.seed())
                                : a.epoch() != b.epoch()
                                        ? Integer.compare(a.epoch(), b.epoch())
                                        : Integer.compare(a.layer(), b.layer()));
        return out;
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach(
                (k, v) -> {
                    if (v != null) {
                        out.put(k, v);
                    }
                });
        return out;
    }
}
