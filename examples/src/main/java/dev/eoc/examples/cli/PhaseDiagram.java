package dev.eoc.examples.cli;

import dev.eoc.core.activation.Activation;
import dev.eoc.core.criticality.Analysis;
import dev.eoc.core.criticality.Criticality;
import dev.eoc.core.meanfield.InitVariances;
import java.util.function.Consumer;

/**
 * Phase diagram of an activation over a (sigma_w, sigma_b) grid: {@link Criticality#analyze} per
 * cell (Schoenholz et al. 2017, Fig. 1). Kept apart from the command so that it can be tested (and
 * later moved to the core's criticality package).
 *
 * <p>Cost: a chaotic cell needs the correlation fixed point, i.e. 2-D Gaussian integrals, about a
 * millisecond each; a 41 x 41 grid takes seconds.
 */
final class PhaseDiagram {

    /**
     * Grid specification: {@code grid} evenly spaced values of each of sigma_w in [sigmaWMin,
     * sigmaWMax] and sigma_b in [sigmaBMin, sigmaBMax].
     */
    record Grid(double sigmaWMin, double sigmaWMax, double sigmaBMin, double sigmaBMax, int size) {
        Grid {
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
            if (!(sigmaBMin >= 0) || !(sigmaBMax > sigmaBMin) || Double.isInfinite(sigmaBMax)) {
                throw new IllegalArgumentException(
                        "need 0 <= sigma_b min < sigma_b max < inf, got ["
                                + sigmaBMin
                                + ", "
                                + sigmaBMax
                                + "]");
            }
        }

        double sigmaW(int j) {
            return sigmaWMin + (sigmaWMax - sigmaWMin) * j / (size - 1);
        }

        double sigmaB(int i) {
            return sigmaBMin + (sigmaBMax - sigmaBMin) * i / (size - 1);
        }

        double[] sigmaWs() {
            double[] v = new double[size];
            for (int j = 0; j < size; j++) {
                v[j] = sigmaW(j);
            }
            return v;
        }

        double[] sigmaBs() {
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
    static PhaseDiagram compute(Activation activation, Grid grid, Consumer<Row> onRow) {
        Analysis[][] cells = new Analysis[grid.size()][grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            for (int j = 0; j < grid.size(); j++) {
                cells[i][j] = analyze(activation, grid.sigmaW(j), grid.sigmaB(i));
            }
            onRow.accept(new Row(i, grid.size(), cells[i].clone()));
        }
        return new PhaseDiagram(grid, cells);
    }

    /** The cell's analysis, or null where the variance iteration failed numerically. */
    private static Analysis analyze(Activation activation, double sigmaW, double sigmaB) {
        try {
            return Criticality.analyze(activation, InitVariances.ofStd(sigmaW, sigmaB));
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
    record Row(int index, int of, Analysis[] cells) {}

    Grid grid() {
        return grid;
    }

    /** The analysis at sigma_b index i and sigma_w index j; null where it failed numerically. */
    Analysis cell(int i, int j) {
        return cells[i][j];
    }

    /** ln chi_1 per cell, [sigma_b index][sigma_w index]; NaN where q* does not exist. */
    double[][] logChi1() {
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
