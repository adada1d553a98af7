package dev.eoc.examples.bench;

import dev.eoc.examples.train.TrainingData;
import java.util.Random;

/** MNIST-shaped batches of random pixels for the benchmarks (seeded, labels cycling 0..9). */
final class RandomBatch {

    private RandomBatch() {}

    /**
     * A batch of {@code rows} rows of {@code features} uniform values in [0, scale) (scale about
     * sqrt(q*) times the mean pixel / 255 of MNIST), with labels {@code i % classes}.
     */
    static TrainingData.Batch of(int rows, int features, int classes, float scale) {
        Random r = new Random(3);
        float[] x = new float[rows * features];
        int[] y = new int[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * scale;
        }
        for (int i = 0; i < rows; i++) {
            y[i] = i % classes;
        }
        return new TrainingData.Batch(x, y, features);
    }
}
