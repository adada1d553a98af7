package dev.eoc.examples.train;

import dev.eoc.examples.data.ImageDataset;
import java.util.Random;

/**
 * A split held in memory as float features (pixel / 255 times the input scale, flattened C*H*W) and
 * int labels, cut into mini-batches in a shuffled order that depends only on (seed, epoch), so that
 * a resumed run sees the same batches as an uninterrupted one.
 */
public final class TrainingData {

    /** Mixes the epoch into the seed of the shuffle (a large odd constant, Knuth's MMIX LCG). */
    private static final long EPOCH_MIX = 6364136223846793005L;

    private final String description;
    private final float[] features;
    private final int[] labels;
    private final int featureCount;
    private final int classCount;

    private TrainingData(
            String description, float[] features, int[] labels, int featureCount, int classCount) {
        this.description = description;
        this.features = features;
        this.labels = labels;
        this.featureCount = featureCount;
        this.classCount = classCount;
    }

    /** Copies the first {@code limit} examples (0 = all) of a dataset, scaled. */
    public static TrainingData of(ImageDataset dataset, int limit, double inputScale) {
        ImageDataset d = limit > 0 ? dataset.subset(limit) : dataset;
        int n = d.size();
        int f = d.featureCount();
        float[] x = new float[Math.multiplyExact(n, f)];
        float[] row = new float[f];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            d.features(i, row, inputScale);
            System.arraycopy(row, 0, x, i * f, f);
            y[i] = d.label(i);
        }
        return new TrainingData(d.toString(), x, y, f, d.classCount());
    }

    /** Wraps arrays (tests). */
    static TrainingData of(float[] features, int[] labels, int featureCount, int classCount) {
        if (features.length != labels.length * featureCount) {
            throw new IllegalArgumentException(
                    "features has "
                            + features.length
                            + " values, expected "
                            + labels.length
                            + " x "
                            + featureCount);
        }
        return new TrainingData("arrays", features, labels, featureCount, classCount);
    }

    public int size() {
        return labels.length;
    }

    public int featureCount() {
        return featureCount;
    }

    public int classCount() {
        return classCount;
    }

    /** Number of mini-batches of size {@code batch}, the last one possibly smaller. */
    public int batchCount(int batch) {
        return (size() + batch - 1) / batch;
    }

    /** The order of the examples in an epoch: a Fisher-Yates shuffle seeded by (seed, epoch). */
    public int[] order(long seed, int epoch) {
        int[] idx = new int[size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Random rng = new Random(seed * EPOCH_MIX + epoch);
        for (int i = idx.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    /** The examples {@code order[from .. from + rows)} as a batch. */
    public Batch batch(int[] order, int from, int rows) {
        float[] x = new float[rows * featureCount];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            int i = order == null ? from + r : order[from + r];
            System.arraycopy(features, i * featureCount, x, r * featureCount, featureCount);
            y[r] = labels[i];
        }
        return new Batch(x, y, featureCount);
    }

    /** The examples {@code from .. from + rows)} in stored order (evaluation). */
    public Batch slice(int from, int rows) {
        return batch(null, from, rows);
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * A mini-batch: row-major features ({@code rows x featureCount}) and labels.
     *
     * @param features row-major values
     * @param labels class indices, one per row
     * @param featureCount values per row
     */
    public record Batch(float[] features, int[] labels, int featureCount) {
        public int rows() {
            return labels.length;
        }
    }
}
