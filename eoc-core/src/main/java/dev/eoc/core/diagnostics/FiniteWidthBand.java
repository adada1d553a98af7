package dev.eoc.core.diagnostics;

import java.util.Arrays;

/**
 * How far a finite network's measured c_l may lie from the infinite-width theory by chance: the
 * finite-width band that makes "matches the theory" and "drifted from it" statistical statements.
 *
 * <p>At width N the pre-activations of a layer are sums of N terms, so each pair's measured c_l
 * scatters around its mean-field value by O(1/sqrt(N)) (Poole et al. 2016, section 2: the maps are
 * the N -&gt; infinity limit; Schoenholz et al. 2017, Fig. 2, shows the scatter). The band at layer
 * l is the larger of
 *
 * <ul>
 *   <li>{@value #Z} standard errors of the mean deviation d_l = mean_k (c_l,k - c_l,k theory) over
 *       the probe's P pairs (sample standard deviation / sqrt(P), P &gt;= 2): the scatter this
 *       probe itself shows;
 *   <li>{@value #WIDTH_COEFFICIENT} / sqrt(N_l): the stated O(1/sqrt(width)) floor, which covers
 *       what the pairs cannot show, because they share one draw of the weights (their deviations
 *       are correlated, so their spread understates the seed-to-seed scatter).
 * </ul>
 *
 * <p>The floor's coefficient was calibrated on healthy Edge-of-Chaos networks in DJL (tanh, ELU,
 * ReLU; widths 100, 300, 1000; depths 10, 30, 50; 8 seeds each, 4 probe pairs of c_0 = 0.5 with
 * |x|^2 / d = q*: 216 networks, {@code BandCalibration} in the examples, docs/DIAGNOSIS.md): the
 * largest max_l |d_l| sqrt(N) seen was 3.09 (ELU, width 1000, depth 30), the mean 0.8-2.1, so the
 * coefficient {@value #WIDTH_COEFFICIENT} keeps every one of them inside with a margin of 1.3,
 * while a network whose activation the theory gets wrong (a layer read as sigmoid that computes
 * tanh) leaves it by several bands. Where the pairs' per-layer values are unknown only the floor
 * applies; where the width is unknown only the standard error.
 *
 * @param deviation d_l, index 0 = input (0 there)
 * @param standardError standard error of d_l over the pairs (NaN with fewer than two pairs)
 * @param halfWidth the band: |d_l| beyond it is a drift from the theory
 */
public record FiniteWidthBand(double[] deviation, double[] standardError, double[] halfWidth) {

    /** Standard errors in the band: a two-sided 99.7% normal quantile. */
    public static final double Z = 3;

    /** c in the O(1/sqrt(N)) floor c / sqrt(N) (calibrated; see the class comment). */
    public static final double WIDTH_COEFFICIENT = 4.0;

    public FiniteWidthBand {
        deviation = deviation.clone();
        standardError = standardError.clone();
        halfWidth = halfWidth.clone();
    }

    /** The band of a snapshot. */
    public static FiniteWidthBand of(PropagationSnapshot s) {
        int n = s.depth() + 1;
        double[] d = new double[n];
        double[] se = new double[n];
        double[] band = new double[n];
        se[0] = Double.NaN;
        TheoryPredictor.Prediction t = s.theory();
        double[] meanTheory = t.c();
        double[][] pairTheory = t.pairC();
        for (int l = 1; l < n; l++) {
            LayerStatistics layer = s.layers().get(l - 1);
            double[] measured = layer.pairCorrelations();
            if (measured.length == t.pairs() && measured.length > 0) {
                double[] dev = new double[measured.length];
                for (int k = 0; k < dev.length; k++) {
                    dev[k] = measured[k] - pairTheory[k][l];
                }
                d[l] = LayerStatistics.mean(dev);
                se[l] = standardError(dev, d[l]);
            } else {
                d[l] = layer.cEmpirical() - meanTheory[l];
                se[l] = Double.NaN;
            }
            double floor =
                    layer.width() > 0 ? WIDTH_COEFFICIENT / Math.sqrt(layer.width()) : Double.NaN;
            double fromPairs = Z * se[l];
            band[l] =
                    Double.isNaN(fromPairs)
                            ? floor
                            : Double.isNaN(floor) ? fromPairs : Math.max(fromPairs, floor);
            if (Double.isNaN(d[l])) {
                band[l] = Double.NaN;
            }
        }
        return new FiniteWidthBand(d, se, band);
    }

    private static double standardError(double[] x, double mean) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1) / x.length);
    }

    /** The layer where |d_l| exceeds its band by the largest factor, or -1 when none does. */
    public int worstLayer() {
        int worst = -1;
        double ratio = 1;
        for (int l = 1; l < deviation.length; l++) {
            double r = Math.abs(deviation[l]) / halfWidth[l];
            if (r > ratio) {
                ratio = r;
                worst = l;
            }
        }
        return worst;
    }

    /** Number of layers whose |d_l| exceeds the band. */
    public int layersOutside() {
        int count = 0;
        for (int l = 1; l < deviation.length; l++) {
            if (Math.abs(deviation[l]) > halfWidth[l]) {
                count++;
            }
        }
        return count;
    }

    @Override
    public double[] deviation() {
        return deviation.clone();
    }

    @Override
    public double[] standardError() {
        return standardError.clone();
    }

    @Override
    public double[] halfWidth() {
        return halfWidth.clone();
    }

    @Override
    public String toString() {
        return "FiniteWidthBand" + Arrays.toString(halfWidth);
    }
}
