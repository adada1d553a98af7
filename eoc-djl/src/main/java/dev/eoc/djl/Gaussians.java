package dev.eoc.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Seeded N(0, std^2) tensors drawn on the JVM with {@link SplittableRandom} and copied into the
 * engine: the same seed gives the same weights on every engine, device and thread, unlike DJL's
 * {@code NDManager.randomNormal}, which uses the engine's global generator.
 */
final class Gaussians {
    private Gaussians() {}

    static NDArray normal(NDManager manager, Shape shape, DataType type, double std, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = Math.toIntExact(shape.size());
        if (type == DataType.FLOAT64) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = std * random.nextGaussian();
            }
            return manager.create(values, shape);
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (std * random.nextGaussian());
        }
        NDArray array = manager.create(values, shape);
        return type == DataType.FLOAT32 ? array : array.toType(type, false);
    }
}
