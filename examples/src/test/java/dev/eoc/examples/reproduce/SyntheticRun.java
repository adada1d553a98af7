package dev.eoc.examples.reproduce;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

/**
 * Writes a run directory by hand in the format of {@link dev.eoc.examples.train.RunDirectory}:
 * {@code run.json}, {@code epochs.jsonl} (a provenance line, then one record per line) and,
 * optionally, {@code layers.csv} ({@code #} lines, header, rows).
 */
final class SyntheticRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Seconds of training per epoch written into every record. */
    static final double EPOCH_SECONDS = 2.0;

    /** Seconds of evaluation per epoch written into every record. */
    static final double EVAL_SECONDS = 0.5;

    private SyntheticRun() {}

    /**
     * Writes a run of a tiny MNIST tanh network.
     *
     * @param dir the run directory
     * @param init eoc, eoc-bn or ordered
     * @param lastEpochs last epoch of each seed; seed k (0-based) is {@code k + 1}
     * @param accuracy test accuracy (fraction) of (seed, epoch)
     * @param layers whether to write layers.csv (3 hidden layers: layers 0..4)
     */
    static void write(
            Path dir,
            String init,
            int[] lastEpochs,
            ToDoubleBiFunction<Integer, Integer> accuracy,
            boolean layers)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("framework", "djl");
        config.put("dataset", "mnist");
        config.put("activation", "tanh");
        config.put("init", init);
        config.put("sigma_b", null);
        config.put("sigma_w", null);
        config.put("depth", 3);
        config.put("width", 8);
        config.put("batch", 64);
        config.put("lr", 0.01);
        config.put("first_seed", 1);
        config.put("limit_train", 300);
        config.put("limit_test", 200);
        config.put("epochs", 20);
        config.put("seeds", lastEpochs.length);
        config.put("listener_interval", 100);
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("scheme", init);
        point.put("sigma_b", init.equals("ordered") ? 1.0 : 0.2);
        point.put("sigma_w", init.equals("ordered") ? 1.0 : 1.3041458400567476);
        point.put("q_star", 0.5120785042342968);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("config", config);
        run.put("init", point);
        run.put("provenance", provenance());
        Files.writeString(dir.resolve("run.json"), JSON.writeValueAsString(run));
        List<String> lines = new ArrayList<>();
        lines.add(JSON.writeValueAsString(Map.of("provenance", provenance())));
        for (int k = 0; k < lastEpochs.length; k++) {
            for (int e = 1; e <= lastEpochs[k]; e++) {
                lines.add(
                        JSON.writeValueAsString(
                                record(k + 1, e, accuracy.applyAsDouble(k + 1, e))));
            }
        }
        Files.write(dir.resolve("epochs.jsonl"), lines);
        if (layers) {
            writeLayers(dir, lastEpochs);
        }
    }

    /**
     * layers.csv with c_l = 0.2 + 0.1 l at initialization (theory 0.2 + 0.09 l) and c_l = 0.2 after
     * each epoch, for every seed.
     */
    private static void writeLayers(Path dir, int[] lastEpochs) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# eoc test, git unknown");
        lines.add("seed,epoch,layer,q,c,q_theory,c_theory");
        for (int k = 0; k < lastEpochs.length; k++) {
            for (int e = 0; e <= lastEpochs[k]; e++) {
                for (int l = 0; l <= 4; l++) {
                    double c = e == 0 ? 0.2 + 0.1 * l : 0.2;
                    lines.add(
                            (k + 1) + "," + e + "," + l + ",0.5," + c + ",0.5," + (0.2 + 0.09 * l));
                }
            }
        }
        Files.write(dir.resolve("layers.csv"), lines);
    }

    private static Map<String, Object> record(int seed, int epoch, double accuracy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("epoch", epoch);
        m.put("train_loss", 1.0);
        m.put("train_accuracy", 0.5);
        m.put("test_accuracy", accuracy);
        m.put("epoch_seconds", EPOCH_SECONDS);
        m.put("eval_seconds", EVAL_SECONDS);
        m.put("elapsed_seconds", epoch * (EPOCH_SECONDS + EVAL_SECONDS));
        m.put("verdict", "healthy");
        m.put("mean_chi1", 1.0);
        return m;
    }

    private static Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eoc_version", "test");
        m.put("git", "abc1234");
        m.put("command", "eoc train (synthetic)");
        m.put("jdk", "17");
        m.put("date", "2026-01-01T00:00:00Z");
        m.put("cpu", "test cpu");
        m.put("cores", 2);
        return m;
    }
}
