package dev.eoc.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * DJL bias initializer b_i ~ N(0, sigma_b^2) with an explicit seed (Poole et al. 2016; the k-th
 * tensor one instance fills is drawn from seed + k * 0x9E3779B97F4A7C15, so layers sharing it are
 * independent); sigma_b^2 = 0 gives zeros. Drawn on the JVM like {@link EocWeightInitializer}, so
 * it is reproducible across engines and devices.
 */
public final class EocBiasInitializer implements Initializer {

    private final double biasVariance;
    private final long seed;
    private final java.util.concurrent.atomic.AtomicLong filled =
            new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param biasVariance sigma_b^2, finite and &gt;= 0
     * @param seed random seed
     */
    public EocBiasInitializer(double biasVariance, long seed) {
        if (!(biasVariance >= 0) || Double.isInfinite(biasVariance)) {
            throw new IllegalArgumentException(
                    "bias variance sigma_b^2 must be finite and >= 0, got " + biasVariance);
        }
        this.biasVariance = biasVariance;
        this.seed = seed;
    }

    /** sigma_b^2. */
    public double biasVariance() {
        return biasVariance;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (biasVariance == 0) {
            return manager.zeros(shape, dataType);
        }
        // the k-th tensor from seed + k * golden gamma, as EocWeightInitializer: layers that share
        // this initializer get independent biases, the first the one the seed always gave
        long s = seed + filled.getAndIncrement() * 0x9E3779B97F4A7C15L;
        return Gaussians.normal(manager, shape, dataType, Math.sqrt(biasVariance), s);
    }

    @Override
    public String toString() {
        return "normal(sigma_b^2 = " + biasVariance + ", seed = " + seed + ")";
    }
}
