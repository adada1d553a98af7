package dev.eoc.examples.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.examples.report.CsvWriter;
import dev.eoc.examples.report.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output directory of a training run. Every finished epoch is written at once, so an
 * interrupted run keeps its epochs and {@code --resume} continues after the last one:
 *
 * <ul>
 *   <li>{@code run.json}: configuration, initialization point, provenance;
 *   <li>{@code epochs.jsonl} (a provenance line, then one {@link EpochRecord} per line) and {@code
 *       epochs.csv} (the same rows after {@code #} provenance lines);
 *   <li>{@code layers.csv}: per-layer q_l and c_l of probe pairs, measured and theory, at
 *       initialization (epoch 0) and after every epoch;
 *   <li>{@code listener-seed-S-from-epoch-E.jsonl}: the signal-propagation listener's reports;
 *   <li>{@code checkpoints/seed-S-epoch-E.params}: the parameters after the last finished epoch.
 * </ul>
 *
 * A checkpoint is written (to a temporary file, then moved) before its epoch's record, so a
 * recorded epoch always has its checkpoint.
 */
public final class RunDirectory implements AutoCloseable {

    /** Columns of {@code layers.csv}. */
    public static final List<String> LAYER_COLUMNS =
            List.of("seed", "epoch", "layer", "q", "c", "q_theory", "c_theory");

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    private final Path dir;
    private final Provenance provenance;
    private final List<EpochRecord> finished;
    private final Map<String, CsvWriter> writers = new HashMap<>();
    private final RunLock lock;
    private final List<String> notices;

    private RunDirectory(
            Path dir,
            Provenance provenance,
            List<EpochRecord> finished,
            RunLock lock,
            List<String> notices) {
        this.dir = dir;
        this.provenance = provenance;
        this.finished = finished;
        this.lock = lock;
        this.notices = notices;
    }

    /**
     * Opens {@code dir} for a run: creates it, or, with {@code resume}, reads the epochs already
     * there.
     *
     * <p>The directory is locked for this process until {@link #close()} (a second run on it is
     * refused). On resume, an incomplete last line of a results file (a kill during a write) is
     * dropped, and the records are cut back to the last epoch that every file recorded and that has
     * a checkpoint; {@link #notices()} says what was repaired.
     *
     * @throws IllegalArgumentException when {@code dir} holds a run and {@code resume} is false, or
     *     holds a run with another configuration
     * @throws RunFailedException when another run holds the directory or a file is damaged
     *     elsewhere than in its last line
     */
    public static RunDirectory open(
            Path dir,
            TrainingConfig config,
            InitPoint point,
            Provenance provenance,
            boolean resume) {
        Path runFile = dir.resolve("run.json");
        List<EpochRecord> finished = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        RunLock lock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        lock = RunLock.acquire(dir);
        if (!lock.previousOwner().isEmpty()) {
            notices.add(
                    "took over the lock of process "
                            + lock.previousOwner()
                            + ", which ended without releasing it (killed?)");
        }
        try {
            if (Files.exists(runFile)) {
                if (!resume) {
                    throw new IllegalArgumentException(
                            dir
                                    + " already holds a run (run.json); add --resume to continue"
                                    + " it, or choose another --out");
                }
                checkSameRun(runFile, config);
                for (String name : List.of("epochs.jsonl", "epochs.csv", "layers.csv")) {
                    String n = RunFiles.dropIncompleteTail(dir.resolve(name));
                    if (n != null) {
                        notices.add(n);
                    }
                }
                finished.addAll(readEpochs(dir.resolve("epochs.jsonl")));
                RunReconciler.reconcile(dir, finished, notices);
            }
            Files.createDirectories(dir.resolve("checkpoints"));
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("config", config.toMap());
            run.put("init", initMap(point));
            run.put("provenance", provenanceMap(provenance));
            Files.writeString(runFile, JSON.writeValueAsString(run) + "\n");
            Path epochs = dir.resolve("epochs.jsonl");
            if (!Files.exists(epochs)) {
                Files.writeString(
                        epochs,
                        JSON_LINE.writeValueAsString(
                                        Map.of("provenance", provenanceMap(provenance)))
                                + "\n");
            }
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return new RunDirectory(dir, provenance, finished, lock, notices);
    }

    /** What opening repaired (dropped cut-off lines, records cut back, a stale lock taken over). */
    public List<String> notices() {
        return List.copyOf(notices);
    }

    /**
     * Forgets a seed's epochs after {@code epoch} in every results file, e.g. because the
     * checkpoint they continue from is damaged; they will be trained again.
     *
     * @return a notice saying what was dropped
     */
    public String rollBack(long seed, int epoch) {
        closeWriters(); // they reopen (appending) on their next row; the files are rewritten now
        int before = finished.size();
        finished.removeIf(r -> r.seed() == seed && r.epoch() > epoch);
        RunReconciler.dropAfter(dir, seed, epoch);
        return "seed "
                + seed
                + ": "
                + (before - finished.size())
                + " recorded epoch(s) after epoch "
                + epoch
                + " dropped; they are trained again";
    }

    public Path path() {
        return dir;
    }

    /** Epochs recorded before this invocation (resume), in file order. */
    public List<EpochRecord> finishedEpochs() {
        return List.copyOf(finished);
    }

    /** The last recorded epoch of a seed, 0 when none. */
    public int lastFinishedEpoch(long seed) {
        return finished.stream()
                .filter(r -> r.seed() == seed)
                .mapToInt(EpochRecord::epoch)
                .max()
                .orElse(0);
    }

    /** Wall time recorded for a seed so far (its last record's elapsed time), 0 when none. */
    public double elapsedSeconds(long seed) {
        int last = lastFinishedEpoch(seed);
        return finished.stream()
                .filter(r -> r.seed() == seed && r.epoch() == last)
                .mapToDouble(EpochRecord::elapsedSeconds)
                .findFirst()
                .orElse(0);
    }

    /** Where a seed's checkpoint after {@code epoch} lives. */
    public Path checkpoint(long seed, int epoch) {
        return dir.resolve("checkpoints").resolve("seed-" + seed + "-epoch-" + epoch + ".params");
    }

    /** The listener's report file for a seed's epochs from {@code firstEpoch} on. */
    public Path listenerFile(long seed, int firstEpoch) {
        return dir.resolve("listener-seed-" + seed + "-from-epoch-" + firstEpoch + ".jsonl");
    }

    /**
     * Saves a checkpoint atomically and keeps the seed's previous one (a fallback should this one
     * be damaged); older ones are removed.
     */
    public void saveCheckpoint(long seed, int epoch, TrainableNetwork network) throws IOException {
        Path target = checkpoint(seed, epoch);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        network.save(tmp);
        Files.move(
                tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (epoch > 2) {
            Files.deleteIfExists(checkpoint(seed, epoch - 2));
        }
    }

    /** Appends an epoch to {@code epochs.jsonl} and {@code epochs.csv}. */
    public void record(EpochRecord r) {
        appendLine(dir.resolve("epochs.jsonl"), json(r.toMap()));
        csv("epochs.csv", EpochRecord.COLUMNS).row(r.values());
        finished.add(r);
    }

    /** Appends a snapshot's layers to {@code layers.csv} (layer 0 is the input). */
    public void recordLayers(long seed, int epoch, PropagationSnapshot s) {
        CsvWriter csv = csv("layers.csv", LAYER_COLUMNS);
        double[] q = s.qEmpirical();
        double[] c = s.cEmpirical();
        double[] qt = s.qTheory();
        double[] ct = s.cTheory();
        for (int l = 0; l < q.length; l++) {
            csv.row(seed, epoch, l, q[l], c[l], qt[l], ct[l]);
        }
    }

    /**
     * The open writer of a CSV file: opened once per invocation (a resumed run's file gets one
     * {@code # continued} line), flushed after every row.
     */
    private CsvWriter csv(String name, List<String> columns) {
        return writers.computeIfAbsent(
                name, n -> CsvWriter.appendOrCreate(dir.resolve(n), provenance, columns));
    }

    /** Closes the CSV files (they reopen on the next row). */
    private void closeWriters() {
        writers.values().forEach(CsvWriter::close);
        writers.clear();
    }

    /** Closes the files and releases the directory's lock: the run is over. */
    @Override
    public void close() {
        closeWriters();
        lock.close();
    }

    private static void checkSameRun(Path runFile, TrainingConfig config) throws IOException {
        Map<String, Object> run =
                JSON.readValue(runFile.toFile(), new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) run.get("config");
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Object> e : config.identity().entrySet()) {
            Object old = stored == null ? null : stored.get(e.getKey());
            if (!sameValue(old, e.getValue())) {
                differences.add(e.getKey() + " " + old + " -> " + e.getValue());
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(
                    "cannot resume "
                            + runFile.getParent()
                            + ": it was run with other settings ("
                            + String.join(", ", differences)
                            + "); only --epochs and --seeds may change on --resume");
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    private static List<EpochRecord> readEpochs(Path file) throws IOException {
        List<EpochRecord> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> m;
            try {
                m = JSON_LINE.readValue(line, new TypeReference<Map<String, Object>>() {});
            } catch (IOException e) {
                // a cut-off last line was dropped before: this one was damaged otherwise
                throw new RunFailedException(
                        file
                                + " line "
                                + (i + 1)
                                + " is damaged ("
                                + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                        ? j.getOriginalMessage()
                                        : e.getMessage())
                                + "): delete that line and --resume again (its epoch is trained"
                                + " again), or move the directory aside and start over");
            }
            if (!m.containsKey("provenance")) {
                out.add(EpochRecord.fromMap(m));
            }
        }
        return out;
    }

    private static Map<String, Object> initMap(InitPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", p.scheme().id());
        m.put("sigma_b", finite(p.sigmaB()));
        m.put("sigma_w", finite(p.sigmaW()));
        m.put("q_star", finite(p.qStar()));
        m.put("chi_q", finite(p.chiQ()));
        m.put("input_scale", p.inputScale());
        m.put("source", p.source());
        return m;
    }

    static Map<String, Object> provenanceMap(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eoc_version", p.version());
        m.put("git", p.gitRevision());
        m.put("command", p.commandLine());
        m.put("jdk", p.jdk());
        m.put("date", p.date());
        m.put("cpu", Machine.cpu());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("mkl_avx512_preload", Machine.mklAvx512Preloaded());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String json(Object o) {
        try {
            return JSON_LINE.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendLine(Path file, String line) {
        try {
            Files.writeString(
                    file,
                    line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
