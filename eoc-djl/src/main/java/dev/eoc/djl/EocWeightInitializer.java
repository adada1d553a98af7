package dev.eoc.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import dev.eoc.core.meanfield.InitVariances;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * DJL weight initializer for a given sigma_w^2: W_ij ~ N(0, sigma_w^2 / fan_in) (Poole et al. 2016;
 * Schoenholz et al. 2017), or a scaled random orthogonal matrix whose entries have the same mean
 * square sigma_w^2 / fan_in (Saxe et al. 2014; Pennington et al. 2017).
 *
 * <p>fan_in is computed from the parameter's shape as DJL's Xavier initializer does ({@code
 * shape[1] * prod(shape[2:])}); the per-weight standard deviation comes from {@link
 * InitVariances#weightStd(long)}. Values are drawn with an explicit seed on the JVM ({@link
 * SplittableRandom}), so the same seed gives the same tensor on every engine and device.
 *
 * <p>One instance may fill many parameters (DJL's {@code optInitializer} or {@code setInitializer}
 * give every Linear layer the same one): the k-th tensor it fills (k = 0, 1, ...) is drawn from
 * seed + k * 0x9E3779B97F4A7C15 (the golden-ratio increment of {@link SplittableRandom}), so the
 * layers are independent, while the first tensor is the one the seed always gave. DJL fills
 * parameters in block order, so a model built the same way is reproduced exactly; an instance
 * reused for a second model goes on with the next seeds.
 *
 * <p>Orthogonal: a Gaussian (max x min) matrix is QR-decomposed, Q's columns are sign-corrected by
 * diag(R) (Haar-distributed, Mezzadri 2007), and W = sqrt(sigma_w^2 max(out, fan_in) / fan_in) Q
 * (transposed to out x fan_in when out &lt; fan_in), so that W W^T or W^T W is sigma_w^2 max/fan_in
 * times the identity and fan_in * mean(W^2) = sigma_w^2 exactly. QR runs in O(max * min^2) on the
 * JVM: about a second for 1000 x 1000.
 */
public final class EocWeightInitializer implements Initializer {

    private final InitVariances variances;
    private final long seed;
    private final boolean orthogonal;
    private final AtomicLong filled = new AtomicLong();

    /** Increment between the seeds of successive tensors (SplittableRandom's golden gamma). */
    private static final long SEED_INCREMENT = 0x9E3779B97F4A7C15L;

    private EocWeightInitializer(double weightVariance, long seed, boolean orthogonal) {
        this.variances = new InitVariances(weightVariance, 0);
        this.seed = seed;
        this.orthogonal = orthogonal;
    }

    /** Gaussian W_ij ~ N(0, weightVariance / fan_in) drawn from {@code seed}. */
    public static EocWeightInitializer normal(double weightVariance, long seed) {
        return new EocWeightInitializer(weightVariance, seed, false);
    }

    /** Random orthogonal W with fan_in * mean(W^2) = weightVariance, drawn from {@code seed}. */
    public static EocWeightInitializer orthogonal(double weightVariance, long seed) {
        return new EocWeightInitializer(weightVariance, seed, true);
    }

    /** sigma_w^2. */
    public double weightVariance() {
        return variances.weightVariance();
    }

    public boolean isOrthogonal() {
        return orthogonal;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = FanIn.of(shape);
        double std = variances.weightStd(fanIn);
        long seed = this.seed + filled.getAndIncrement() * SEED_INCREMENT;
        if (!orthogonal) {
            return Gaussians.normal(manager, shape, dataType, std, seed);
        }
        int out = Math.toIntExact(shape.get(0));
        int in = Math.toIntExact(fanIn);
        double[][] w = orthogonalMatrix(out, in, seed);
        double scale = std * Math.sqrt(Math.max(out, in));
        float[] values = new float[out * in];
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                values[i * in + j] = (float) (scale * w[i][j]);
            }
        }
        return manager.create(values, shape).toType(dataType, false);
    }

    /** An out x in matrix with orthonormal rows (out &lt;= in) or columns (out &gt; in). */
    static double[][] orthogonalMatrix(int out, int in, long seed) {
        int rows = Math.max(out, in);
        int cols = Math.min(out, in);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        QRDecomposition qr = new QRDecomposition(MatrixUtils.createRealMatrix(a));
        RealMatrix q = qr.getQ();
        RealMatrix r = qr.getR();
        double[][] w = new double[out][in];
        for (int j = 0; j < cols; j++) {
            double sign = r.getEntry(j, j) < 0 ? -1 : 1;
            for (int i = 0; i < rows; i++) {
                double v = sign * q.getEntry(i, j);
                if (out >= in) {
                    w[i][j] = v;
                } else {
                    w[j][i] = v;
                }
            }
        }
        return w;
    }

    @Override
    public String toString() {
        return (orthogonal ? "orthogonal" : "normal")
                + "(sigma_w^2 = "
                + variances.weightVariance()
                + ", seed = "
                + seed
                + ")";
    }
}
