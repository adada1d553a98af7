package dev.eoc.core.criticality;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.meanfield.Expectations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.VarianceFixedPoint;
import java.util.function.Consumer;

/**
 * Phase diagram of an activation over a (sigma_w, sigma_b) grid: q*, chi_1, chi_q, c*, xi_c and the
 * phase per cell, as in Schoenholz et al. 2017, Fig. 1.
 *
 * <p>Each cell is the {@link Criticality#analyze} result, computed faster. The expectations are
 * {@link Expectations#tabulated(ActivationFunction) tabulated} once per diagram: the moments in ln
 * q, and C(q, c) = E[phi(u1) phi(u2)] with its c-derivative over the shared variance q c and the
 * private standard deviation sqrt(q (1 - c)) (Poole et al. 2016, eq. 5), so that a chaotic cell's
 * c* needs no new pair quadrature (closed forms, e.g. ReLU, need no table). q* comes from Newton's
 * method on F(q) = q started from the previous cell's q* in the row, accepted only when it
 * converges to 1e-14 relative at an attracting fixed point (F'(q*) &lt; 1), else from iteration
 * from q0 = 1 as in {@code analyze}; where the attracting fixed point is unique (every sigma_b &gt;
 * 0 for the built-in activations) both give the same q*. c* comes from Newton's method started from
 * the c* of the previous chaotic cell in the row, or of the cell above ({@link
 * MeanField#correlationFixedPoint(double, double)}). Against the same diagram with a fresh 2-D
 * quadrature for every pair expectation (PhaseDiagramAccuracyTest): q* within 1e-13 / (1 - chi_q)
 * relative, chi_1 within 1e-12 more, c* within 1e-12 / (1 - chi_c) and chi_c within 1e-11 / (1 -
 * chi_c), so xi_c = -1 / ln chi_c within about 1e-11 / (1 - chi_c)^2 relative; these factors are
 * the problem's own conditioning next to divergence (chi_q -&gt; 1) and next to the Edge of Chaos
 * (c* -&gt; 1, xi_c -&gt; infinity). A 200 x 200 diagram takes 0.15 - 0.4 s of CPU time once the
 * JIT has warmed up (docs/BENCHMARKS.md).
 */
public final class PhaseDiagram {

    /**
     * Grid specification: {@code grid} evenly spaced values of each of sigma_w in [sigmaWMin,
     * sigmaWMax] and sigma_b in [sigmaBMin, sigmaBMax].
     */
    public record Grid(
            double sigmaWMin, double sigmaWMax, double sigmaBMin, double sigmaBMax, int size) {
        public Grid {
            if (size < 2) {
                throw new IllegalArgumentException("--grid must be >= 2, got " + size);
            }
            if (!(sigmaWMin > 0) || !(sigmaWMax > sigmaWMin) || Double.isInfinite(sigmaWMax)) {
                throw new IllegalArgumentException(
                        "need 0 < sigma_w min < sigma_w max < inf, got ["
                                + sigmaWMin
                                + ", "
                                + sigmaWMax
                                + "]");
            }
            EdgeOfChaos.checkSigmaBRange(sigmaBMin, sigmaBMax);
        }

        public double sigmaW(int j) {
            return sigmaWMin + (sigmaWMax - sigmaWMin) * j / (size - 1);
        }

        public double sigmaB(int i) {
            return sigmaBMin + (sigmaBMax - sigmaBMin) * i / (size - 1);
        }

        public double[] sigmaWs() {
            double[] v = new double[size];
            for (int j = 0; j < size; j++) {
                v[j] = sigmaW(j);
            }
            return v;
        }

        public double[] sigmaBs() {
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = sigmaB(i);
            }
            return v;
        }
    }

    private final Grid grid;
    private final Analysis[][] cells;

    private PhaseDiagram(Grid grid, Analysis[][] cells) {
        this.grid = grid;
        this.cells = cells;
    }

    /**
     * Analyses every cell, row by row (one row per sigma_b); {@code onRow} is told after each row
     * with the row just finished, so callers can report progress and write results as they go.
     */
    public static PhaseDiagram compute(
            ActivationFunction activation, Grid grid, Consumer<Row> onRow) {
        return compute(Expectations.tabulated(activation), grid, onRow);
    }

    /** The diagram with the given expectations (tests compare tables against quadrature). */
    static PhaseDiagram compute(Expectations expectations, Grid grid, Consumer<Row> onRow) {
        Analysis[][] cells = new Analysis[grid.size()][grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            double guess = Double.NaN;
            for (int j = 0; j < grid.size(); j++) {
                double cGuess = chaoticCStar(j > 0 ? cells[i][j - 1] : null);
                if (Double.isNaN(cGuess) && i > 0) {
                    cGuess = chaoticCStar(cells[i - 1][j]);
                }
                cells[i][j] = analyze(expectations, grid.sigmaW(j), grid.sigmaB(i), guess, cGuess);
                guess = cells[i][j] == null ? Double.NaN : cells[i][j].qStar();
            }
            onRow.accept(new Row(i, grid.size(), cells[i].clone()));
        }
        return new PhaseDiagram(grid, cells);
    }

    /** c* of a chaotic cell, as a starting point for its neighbour's; NaN otherwise. */
    private static double chaoticCStar(Analysis cell) {
        return cell != null && cell.phase() == Phase.CHAOTIC ? cell.cStar() : Double.NaN;
    }

    /** The cell's analysis, or null where the variance iteration failed numerically. */
    private static Analysis analyze(
            Expectations expectations, double sigmaW, double sigmaB, double guess, double cGuess) {
        MeanField field = MeanField.of(expectations, InitVariances.ofStd(sigmaW, sigmaB));
        try {
            double qStar = Double.isFinite(guess) ? field.newtonFixedPoint(guess) : Double.NaN;
            if (Double.isNaN(qStar)) {
                VarianceFixedPoint fixed = field.varianceFixedPoint(Criticality.DEFAULT_Q0);
                if (!fixed.converged()) {
                    return Analysis.withoutFixedPoint(
                            expectations.activation().spec(), field.variances(), fixed.outcome());
                }
                qStar = fixed.q();
            }
            return Criticality.atFixedPoint(
                    field, qStar, VarianceFixedPoint.Outcome.CONVERGED, cGuess);
        } catch (ArithmeticException e) {
            // marginal cells (chi_q ~ 1) may not converge; one such cell must not lose the grid
            return null;
        }
    }

    /**
     * One finished row.
     *
     * @param index row index (sigma_b index)
     * @param of number of rows
     * @param cells the analyses of this row, by sigma_w index (null: numerical failure)
     */
    public record Row(int index, int of, Analysis[] cells) {}

    public Grid grid() {
        return grid;
    }

    /** The analysis at sigma_b index i and sigma_w index j; null where it failed numerically. */
    public Analysis cell(int i, int j) {
        return cells[i][j];
    }

    /** ln chi_1 per cell, [sigma_b index][sigma_w index]; NaN where q* does not exist. */
    public double[][] logChi1() {
        double[][] z = new double[grid.size()][grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            for (int j = 0; j < grid.size(); j++) {
                double chi1 = cells[i][j] == null ? Double.NaN : cells[i][j].chi1();
                z[i][j] = chi1 > 0 ? Math.log(chi1) : Double.NaN;
            }
        }
        return z;
    }
}
