package dev.eoc.examples.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one finished epoch of one seed measured; one line of {@code epochs.jsonl} and one row of
 * {@code epochs.csv}.
 *
 * @param seed the run's seed
 * @param epoch 1-based epoch number
 * @param trainLoss mean cross-entropy over the epoch's batches (during training, before each
 *     update)
 * @param trainAccuracy fraction of training rows classified correctly before each update
 * @param testAccuracy fraction of the test split classified correctly after the epoch
 * @param epochSeconds wall time of the epoch's training steps
 * @param evalSeconds wall time of the evaluation after the epoch
 * @param elapsedSeconds wall time of this seed so far, training and evaluation of every epoch
 *     (resumed runs add the time of earlier invocations)
 * @param verdict the listener's worst diagnosis in the epoch ({@code healthy}, {@code ordered},
 *     {@code collapsed}, ...: the most severe report's verdict, the last report's when none warned)
 *     or {@code none} when no listener report was made
 * @param meanChi1 that report's mean chi_1 over layers, NaN when none
 */
public record EpochRecord(
        long seed,
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double testAccuracy,
        double epochSeconds,
        double evalSeconds,
        double elapsedSeconds,
        String verdict,
        double meanChi1) {

    /** Column names of {@code epochs.csv}, equal to the JSON keys. */
    public static final List<String> COLUMNS =
            List.of(
                    "seed",
                    "epoch",
                    "train_loss",
                    "train_accuracy",
                    "test_accuracy",
                    "epoch_seconds",
                    "eval_seconds",
                    "elapsed_seconds",
                    "verdict",
                    "mean_chi1");

    /** The values in {@link #COLUMNS} order. */
    public Object[] values() {
        return new Object[] {
            seed,
            epoch,
            trainLoss,
            trainAccuracy,
            testAccuracy,
            epochSeconds,
            evalSeconds,
            elapsedSeconds,
            verdict,
            meanChi1
        };
    }

    /** Keys and values for JSON (non-finite numbers become null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Object[] v = values();
        for (int i = 0; i < v.length; i++) {
            Object value = v[i];
            if (value instanceof Double d && !Double.isFinite(d)) {
                value = null;
            }
            m.put(COLUMNS.get(i), value);
        }
        return m;
    }

    /** Reads a map written by {@link #toMap()} (null numbers become NaN). */
    public static EpochRecord fromMap(Map<String, Object> m) {
        return new EpochRecord(
                ((Number) m.get("seed")).longValue(),
                ((Number) m.get("epoch")).intValue(),
                number(m, "train_loss"),
                number(m, "train_accuracy"),
                number(m, "test_accuracy"),
                number(m, "epoch_seconds"),
                number(m, "eval_seconds"),
                number(m, "elapsed_seconds"),
                String.valueOf(m.get("verdict")),
                number(m, "mean_chi1"));
    }

    private static double number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
