package dev.eoc.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The engine's float32 matrix-product rate, the yardstick a training step's achieved GFLOP/s is
 * compared with: the median over repeats of 2 m k n FLOP per (m x k) (k x n) product, after one
 * warm-up product, on the engine's default device and threads.
 */
final class MatmulRate {

    private MatmulRate() {}

    /**
     * @return median GFLOP/s of {@code repeats} products of shape (m x k) (k x n)
     */
    static double gflops(NDManager manager, int m, int k, int n, int repeats) {
        double[] rates = new double[repeats];
        try (NDManager sub = manager.newSubManager()) {
            NDArray a = sub.randomUniform(-1, 1, new Shape(m, k), DataType.FLOAT32);
            NDArray b = sub.randomUniform(-1, 1, new Shape(k, n), DataType.FLOAT32);
            a.matMul(b).close();
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0); // eager engine; keeps c used
                }
                rates[i] = 2.0 * m * k * n / (System.nanoTime() - t0);
            }
        }
        Arrays.sort(rates);
        return rates[repeats / 2];
    }
}
