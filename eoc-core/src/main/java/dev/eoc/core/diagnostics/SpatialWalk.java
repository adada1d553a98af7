package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.meanfield.Expectations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.Moments;
import dev.eoc.core.meanfield.SignalPath;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The per-position second moments of a spatial signal through convolutions and activations, the
 * part of {@link PathWalk} before the first dense layer (Xiao et al. 2018, eq. 2.6, for the
 * diagonal of the covariance, extended to two inputs of different local second moments).
 *
 * <p>A convolution with fan-in C K (K the kernel area) gives each output position q(i) = sigma_b^2
 * + (sigma_w^2 / K) sum over its window of the input's m(j), padding contributing 0, and the same
 * for a pair's cross moment; an activation maps each position of a Gaussian signal to m(i) =
 * E[phi(u)^2], u ~ N(0, q(i)), and the pair's cross moment to E[phi(u_a) phi(u_b)] with variances
 * q_a(i), q_b(i) and correlation X(i) / sqrt(q_a(i) q_b(i)) ({@link
 * Expectations#coarseProduct(double, double, double)}, within 1e-5). Identical arguments, common in
 * images with empty margins, are computed once, the distinct ones in parallel on the common
 * fork-join pool (they are the walk's whole cost, and a probe runs between training steps). Not
 * thread-safe.
 */
final class SpatialWalk {

    private int[] dims;
    private double[][] m;
    private double[][] cross;
    private boolean gaussian;
    private double gain = Double.NaN;

    SpatialWalk(SpatialSignal input) {
        int[] d = input.dims();
        dims = d.length == 2 ? d : new int[] {1, d[0]};
        m = input.secondMoments();
        cross = input.crossMoments();
    }

    /** Whether the signal is Gaussian (a convolution's output) rather than activated or raw. */
    boolean gaussian() {
        return gaussian;
    }

    /** E[phi'^2] averaged over inputs and positions since the last weighted layer; 1 for none. */
    double gain() {
        return gain;
    }

    /** Applies a convolution with these variances; returns its q (mean over inputs, positions). */
    double convolution(SignalPath.Convolution conv, InitVariances v) {
        int[] k = conv.kernel().length == 2 ? conv.kernel() : new int[] {1, conv.kernel()[0]};
        int[] s = conv.stride().length == 2 ? conv.stride() : new int[] {1, conv.stride()[0]};
        int[] d = conv.dilation().length == 2 ? conv.dilation() : new int[] {1, conv.dilation()[0]};
        int rows = conv.kernel().length == 2 ? conv.outputSize(0, dims[0]) : 1;
        int cols = conv.outputSize(conv.kernel().length - 1, dims[1]);
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(
                    "convolution "
                            + conv
                            + " leaves no output positions of "
                            + dims[0]
                            + " x "
                            + dims[1]);
        }
        int top = conv.kernel().length == 2 ? conv.paddingBefore(0, dims[0]) : 0;
        int left = conv.paddingBefore(conv.kernel().length - 1, dims[1]);
        double scale = v.weightVariance() / (k[0] * k[1]);
        double[][] nextM = new double[m.length][];
        double[][] nextCross = new double[cross.length][];
        for (int a = 0; a < m.length; a++) {
            nextM[a] = window(m[a], rows, cols, k, s, d, top, left, scale, v.biasVariance());
        }
        for (int p = 0; p < cross.length; p++) {
            nextCross[p] =
                    window(cross[p], rows, cols, k, s, d, top, left, scale, v.biasVariance());
        }
        dims = new int[] {rows, cols};
        m = nextM;
        cross = nextCross;
        gaussian = true;
        gain = 1;
        double q = secondMoment();
        if (!(q > 0) || q > MeanField.DIVERGENCE_BOUND) {
            throw new ArithmeticException("variance " + q + " after " + conv);
        }
        return q;
    }

    private double[] window(
            double[] in,
            int rows,
            int cols,
            int[] k,
            int[] s,
            int[] d,
            int top,
            int left,
            double scale,
            double bias) {
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                for (int a = 0; a < k[0]; a++) {
                    int y = i * s[0] - top + a * d[0];
                    if (y < 0 || y >= dims[0]) {
                        continue;
                    }
                    for (int b = 0; b < k[1]; b++) {
                        int x = j * s[1] - left + b * d[1];
                        if (x >= 0 && x < dims[1]) {
                            sum += in[y * dims[1] + x];
                        }
                    }
                }
                out[i * cols + j] = bias + scale * sum;
            }
        }
        return out;
    }

    /** Applies phi position by position to the Gaussian signal. */
    void activation(ActivationFunction phi, Expectations e) {
        if (!gaussian) {
            throw new IllegalArgumentException(
                    "activation " + phi.spec() + " of a signal that is not Gaussian");
        }
        Map<Double, Moments> moments = new HashMap<>();
        Map<PairKey, Double> products = new HashMap<>();
        double phi0 = phi.value(0);
        double slope0 = phi.derivative(0);
        double[][] nextM = new double[m.length][];
        double gainSum = 0;
        for (int a = 0; a < m.length; a++) {
            nextM[a] = new double[m[a].length];
            for (int i = 0; i < m[a].length; i++) {
                double q = m[a][i];
                if (q > 0) {
                    Moments mo = moments.computeIfAbsent(q, e::moments);
                    nextM[a][i] = mo.v();
                    gainSum += mo.d();
                } else {
                    nextM[a][i] = phi0 * phi0;
                    gainSum += slope0 * slope0;
                }
            }
        }
        PairKey[][] keys = new PairKey[cross.length][];
        for (int p = 0; p < cross.length; p++) {
            double[] qa = m[2 * p];
            double[] qb = m[2 * p + 1];
            keys[p] = new PairKey[cross[p].length];
            for (int i = 0; i < cross[p].length; i++) {
                double norm = Math.sqrt(qa[i] * qb[i]);
                double c = norm > 0 ? Math.max(-1, Math.min(1, cross[p][i] / norm)) : 0;
                keys[p][i] = new PairKey(qa[i], qb[i], c);
                products.putIfAbsent(keys[p][i], Double.NaN);
            }
        }
        PairKey[] distinct = products.keySet().toArray(new PairKey[0]);
        double[] values = new double[distinct.length];
        IntStream.range(0, distinct.length)
                .parallel()
                .forEach(
                        j ->
                                values[j] =
                                        e.coarseProduct(
                                                distinct[j].q1, distinct[j].q2, distinct[j].c));
        for (int j = 0; j < distinct.length; j++) {
            products.put(distinct[j], values[j]);
        }
        for (int p = 0; p < cross.length; p++) {
            for (int i = 0; i < cross[p].length; i++) {
                cross[p][i] = products.get(keys[p][i]);
            }
        }
        gain = gainSum / (m.length * (double) m[0].length);
        m = nextM;
        gaussian = false;
    }

    private record PairKey(double q1, double q2, double c) {}

    /** Each pair's correlation of the flattened signal. */
    double[] pairCorrelations() {
        return SpatialSignal.pairCorrelations(m, cross);
    }

    /** The mean second moment of the flattened signal (over inputs and positions). */
    double secondMoment() {
        return SpatialSignal.meanSecondMoment(m);
    }
}
