package dev.eoc.core.diagnostics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The second moments of probe inputs that have channels and 1 or 2 spatial dimensions (images), as
 * the mean-field theory of convolutions needs them (Xiao et al. 2018, eq. 2.6): for every input a
 * its second moment at each position, m_a(i) = (1/C) sum_ch x_a(ch, i)^2, and for every probe pair
 * (a, b) its cross moment X_ab(i) = (1/C) sum_ch x_a(ch, i) x_b(ch, i).
 *
 * <p>Inputs come in pairs as in every probe: rows 0 and 1 form the first pair, 2 and 3 the second.
 * The flattened statistics follow: q_0 = mean over inputs and positions of m_a(i), and each pair's
 * correlation sum_i X_ab(i) / sqrt(sum_i m_a(i) sum_i m_b(i)), the correlation of the flattened
 * rows.
 *
 * @param dims spatial extent (height, width), or (width) for one dimension
 * @param secondMoments m_a(i) per input a, positions in row-major order
 * @param crossMoments X_ab(i) per pair, positions in row-major order
 */
public record SpatialSignal(int[] dims, double[][] secondMoments, double[][] crossMoments)
        implements Serializable {

    public SpatialSignal {
        dims = dims.clone();
        if (dims.length < 1 || dims.length > 2 || Arrays.stream(dims).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(
                    "spatial dims must be 1 or 2 extents >= 1, got " + Arrays.toString(dims));
        }
        int positions = Arrays.stream(dims).reduce(1, (x, y) -> x * y);
        if (secondMoments.length < 2 || secondMoments.length != 2 * crossMoments.length) {
            throw new IllegalArgumentException(
                    "need inputs in pairs (2K >= 2 inputs, K pairs), got "
                            + secondMoments.length
                            + " inputs and "
                            + crossMoments.length
                            + " pairs");
        }
        secondMoments = copy(secondMoments, positions);
        crossMoments = copy(crossMoments, positions);
    }

    /**
     * The statistics of probe rows laid out channels first, (C, dims...) flattened, as DJL and DL4J
     * store NCHW images.
     *
     * @param rows 2K rows of C x prod(dims) values, in pairs
     * @param channels C &gt;= 1
     * @param dims spatial extents
     * @throws IllegalArgumentException when a row's length is not C x prod(dims) or the rows are
     *     not in pairs
     */
    public static SpatialSignal of(float[][] rows, int channels, int... dims) {
        int positions = Arrays.stream(dims).reduce(1, (x, y) -> x * y);
        if (channels < 1 || rows.length < 2 || rows.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "need an even number >= 2 of rows and >= 1 channel, got "
                            + rows.length
                            + " rows and "
                            + channels
                            + " channels");
        }
        for (float[] row : rows) {
            if (row.length != (long) channels * positions) {
                throw new IllegalArgumentException(
                        "a row of "
                                + row.length
                                + " values is not "
                                + channels
                                + " channels x "
                                + Arrays.toString(dims)
                                + " positions");
            }
        }
        double[][] m = new double[rows.length][positions];
        double[][] x = new double[rows.length / 2][positions];
        for (int ch = 0; ch < channels; ch++) {
            int off = ch * positions;
            for (int i = 0; i < positions; i++) {
                for (int a = 0; a < rows.length; a++) {
                    double v = rows[a][off + i];
                    m[a][i] += v * v / channels;
                    if (a % 2 == 1) {
                        x[a / 2][i] += (double) rows[a - 1][off + i] * v / channels;
                    }
                }
            }
        }
        return new SpatialSignal(dims, m, x);
    }

    /** Number of positions, prod(dims). */
    public int positions() {
        return secondMoments[0].length;
    }

    /** q_0: the mean over inputs and positions of m_a(i). */
    public double secondMoment() {
        return meanSecondMoment(secondMoments);
    }

    /** Each pair's correlation of the flattened rows, in pair order (NaN for a zero row). */
    public double[] pairCorrelations() {
        return pairCorrelations(secondMoments, crossMoments);
    }

    /** The mean over inputs and positions of per-position second moments m[a][i]. */
    static double meanSecondMoment(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            s += sum(row);
        }
        return s / (m.length * (double) m[0].length);
    }

    /**
     * Each pair k's correlation of its flattened signals: sum_i cross[k][i] / sqrt(sum_i m[2k][i]
     * sum_i m[2k + 1][i]).
     */
    static double[] pairCorrelations(double[][] m, double[][] cross) {
        double[] c = new double[cross.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = sum(cross[k]) / Math.sqrt(sum(m[2 * k]) * sum(m[2 * k + 1]));
        }
        return c;
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public double[][] secondMoments() {
        return copy(secondMoments, positions());
    }

    @Override
    public double[][] crossMoments() {
        return copy(crossMoments, positions());
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private static double[][] copy(double[][] a, int positions) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != positions) {
                throw new IllegalArgumentException(
                        "every field needs one value per position ("
                                + positions
                                + "), got "
                                + a[i].length);
            }
            b[i] = a[i].clone();
        }
        return b;
    }
}
