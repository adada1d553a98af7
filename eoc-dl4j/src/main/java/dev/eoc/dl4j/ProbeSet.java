package dev.eoc.dl4j;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed set of probe inputs, in pairs: rows (0, 1), (2, 3), ... are the pairs whose correlation
 * c_l is followed through the network (Poole et al. 2016, section 3).
 *
 * @param inputs 2P rows, P &gt;= 1 pairs: a [2P, d] matrix of d-dimensional inputs, or images [2P,
 *     channels, height, width] for a network that reads them so ({@link #pairsFrom} keeps the
 *     batch's shape)
 */
public record ProbeSet(INDArray inputs) {

    public ProbeSet {
        if (inputs == null || inputs.rank() < 2 || inputs.size(0) < 2 || inputs.size(0) % 2 != 0) {
            throw new IllegalArgumentException(
                    "probe inputs must be 2P >= 2 rows, a [2P, d] matrix or [2P, channels,"
                            + " height, width] images, got "
                            + (inputs == null
                                    ? "null"
                                    : java.util.Arrays.toString(inputs.shape())));
        }
    }

    /** Number of pairs P. */
    public int pairs() {
        return Math.toIntExact(inputs.size(0) / 2);
    }

    /** The rows flattened, [2P, d]: images in c order (channels, height, width). */
    float[][] flatRows() {
        return flatRows(inputs);
    }

    /** Any array's rows (first dimension) flattened in c order, as floats. */
    static float[][] flatRows(INDArray a) {
        return a.reshape('c', a.size(0), a.length() / a.size(0))
                .castTo(DataType.FLOAT)
                .toFloatMatrix();
    }

    /**
     * P pairs of Gaussian inputs with exactly |x|^2 / d = q0 for every row and exactly correlation
     * c0 within each pair: x_a = sqrt(q0 d) u, x_b = sqrt(q0 d) (c0 u + sqrt(1 - c0^2) v), with u,
     * v orthonormalized Gaussian directions (Gram-Schmidt).
     */
    public static ProbeSet correlatedPairs(
            int dimension, int pairs, double q0, double c0, long seed) {
        if (dimension < 2 || pairs < 1 || !(q0 > 0) || !(c0 >= -1 && c0 <= 1)) {
            throw new IllegalArgumentException(
                    "need dimension >= 2, pairs >= 1, q0 > 0 and c0 in [-1, 1]; got "
                            + dimension
                            + ", "
                            + pairs
                            + ", "
                            + q0
                            + ", "
                            + c0);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[2 * pairs][];
        double radius = Math.sqrt(q0 * dimension);
        for (int p = 0; p < pairs; p++) {
            double[] u = unit(gaussian(rng, dimension));
            double[] v = gaussian(rng, dimension);
            double dot = dot(u, v);
            for (int i = 0; i < dimension; i++) {
                v[i] -= dot * u[i];
            }
            v = unit(v);
            double s = Math.sqrt(1 - c0 * c0);
            double[] a = new double[dimension];
            double[] b = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                a[i] = radius * u[i];
                b[i] = radius * (c0 * u[i] + s * v[i]);
            }
            rows[2 * p] = a;
            rows[2 * p + 1] = b;
        }
        return new ProbeSet(Nd4j.create(rows).castTo(DataType.FLOAT));
    }

    /**
     * 2P distinct rows of {@code features} (a batch of the user's data, any rank), chosen with the
     * seed, in the batch's shape.
     */
    public static ProbeSet pairsFrom(INDArray features, int pairs, long seed) {
        long n = features.size(0);
        if (pairs < 1 || 2L * pairs > n) {
            throw new IllegalArgumentException(
                    "need 2 * pairs <= batch rows; got " + pairs + " pairs from " + n + " rows");
        }
        INDArray flat = features.reshape('c', n, features.length() / n);
        SplittableRandom rng = new SplittableRandom(seed);
        long[] rows = rng.longs(0, n).distinct().limit(2L * pairs).toArray();
        long[] shape = features.shape().clone();
        shape[0] = 2L * pairs;
        return new ProbeSet(
                flat.getRows(java.util.Arrays.stream(rows).mapToInt(Math::toIntExact).toArray())
                        .dup()
                        .reshape('c', shape));
    }

    private static double[] gaussian(SplittableRandom rng, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    private static double[] unit(double[] x) {
        double norm = Math.sqrt(dot(x, x));
        for (int i = 0; i < x.length; i++) {
            x[i] /= norm;
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
