package dev.eoc.core.criticality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.gaussian.BivariateGaussian;
import dev.eoc.core.gaussian.Integrand;
import dev.eoc.core.meanfield.Expectations;
import dev.eoc.core.meanfield.Moments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tabulated phase diagram against the same diagram computed cell by cell with plain quadrature:
 * the 1-D moments of {@link Expectations#numerical} and a fresh 2-D pair quadrature ({@link
 * BivariateGaussian#standard()}, ~1e-15) for every C(q, c) and C'(q, c), so without the Mehler
 * series, angular interpolants or tables. Both run the same Newton iterations, so the differences
 * are those of the expectations alone.
 */
class PhaseDiagramAccuracyTest {

    /**
     * q*: the moment table holds 2e-15 of interpolation error over the quadrature (which itself
     * switches rules at the 1e-14 level), and q* = F(q*) moves by dV / V over 1 - chi_q (as
     * sigma_w^2 V(q*) &lt;= q*). So |dq*| / q* (1 - chi_q) &lt;= ~1e-14, asserted at 1e-13;
     * measured worst 3.6e-15 (tanh). Next to the divergence (swish at sigma_w = 1.413, chi_q -&gt;
     * 1) the unscaled error reaches 5e-12.
     */
    private static final double Q_TOLERANCE = 1e-13;

    /**
     * chi_1 = sigma_w^2 D(q*) and chi_q = sigma_w^2 dV/dq(q*): the table's own error in D and dV/dq
     * (below 1e-13 relative; measured worst 1.1e-14 and 1.8e-13), plus their slopes in q times the
     * error of q* above.
     */
    private static final double SLOPE_TOLERANCE = 1e-12;

    /**
     * c*: the pair table's error in C is below 1e-13 of V(q*), and the fixed point moves by
     * sigma_w^2 dC / (q* (1 - chi_c)) &lt;= (dC / V) / (1 - chi_c) since sigma_w^2 V(q*) &lt;= q*.
     * So |dc*| (1 - chi_c) &lt;= 1e-13; asserted with a factor 10 of margin (measured worst 2e-14).
     * The factor 1 / (1 - chi_c) is the problem's own conditioning: at the Edge of Chaos c* -&gt; 1
     * and xi_c -&gt; infinity.
     */
    private static final double C_STAR_TOLERANCE = 1e-12;

    /**
     * chi_c = sigma_w^2 C'(q*, c*): the table's error in C' (1e-13 of D) plus the slope of chi_c
     * times dc*; |d chi_c| (1 - chi_c) measured worst 4e-13 (swish next to its divergence),
     * asserted at 1e-11. Since xi_c = -1 / ln chi_c, xi_c is then good to about 1e-11 / (1 -
     * chi_c)^2 relative: 1e-7 at 1 - chi_c = 0.01.
     */
    private static final double CHI_C_TOLERANCE = 1e-11;

    @ParameterizedTest
    @CsvSource({
        "tanh, 0.5, 4, 0, 3, 9",
        "elu, 0.5, 4, 0, 3, 9",
        "elu, 1.1, 1.45, 0, 4, 9", // the chaotic band below the divergence at sigma_w = sqrt 2
        "swish, 0.5, 4, 0, 3, 9", // no chaotic cell: swish is chaotic only next to divergence,
        "swish, 1.405, 1.414, 0.5, 4, 6", // with q* from 200 to 10^4
        "hard_tanh, 0.5, 4, 0, 3, 9",
        "relu, 0.5, 4, 0, 3, 9",
        "erf, 0.5, 4, 0, 3, 9"
    })
    void tabulatedDiagramMatchesPlainQuadrature(
            String spec,
            double sigmaWMin,
            double sigmaWMax,
            double sigmaBMin,
            double sigmaBMax,
            int size) {
        ActivationFunction phi = Activations.parse(spec);
        PhaseDiagram.Grid grid =
                new PhaseDiagram.Grid(sigmaWMin, sigmaWMax, sigmaBMin, sigmaBMax, size);
        PhaseDiagram fast = PhaseDiagram.compute(phi, grid, row -> {});
        PhaseDiagram reference = PhaseDiagram.compute(plainQuadrature(phi), grid, row -> {});
        for (int i = 0; i < grid.size(); i++) {
            for (int j = 0; j < grid.size(); j++) {
                String where =
                        spec + " at sigma_b " + grid.sigmaB(i) + ", sigma_w " + grid.sigmaW(j);
                compare(reference.cell(i, j), fast.cell(i, j), where);
            }
        }
    }

    private static void compare(Analysis expected, Analysis actual, String where) {
        assertNotNull(expected, where);
        assertNotNull(actual, where);
        assertEquals(expected.variance(), actual.variance(), where);
        assertEquals(expected.phase(), actual.phase(), where);
        if (expected.phase() == null) {
            return;
        }
        // attracting fixed points only: chi_q < 1
        double qError = Q_TOLERANCE / (1 - expected.chiQ());
        assertEquals(expected.qStar(), actual.qStar(), qError * expected.qStar(), "q* " + where);
        double slopeError = SLOPE_TOLERANCE + qError;
        assertEquals(
                expected.chi1(), actual.chi1(), slopeError * expected.chi1(), "chi_1 " + where);
        assertEquals(
                expected.chiQ(),
                actual.chiQ(),
                slopeError * Math.abs(expected.chiQ()),
                "chi_q " + where);
        if (expected.phase() != Phase.CHAOTIC) {
            return;
        }
        double chiC = Math.exp(-1 / expected.xiC());
        double gap = 1 - chiC;
        assertTrue(gap > 0, where);
        assertEquals(expected.cStar(), actual.cStar(), C_STAR_TOLERANCE / gap, "c* " + where);
        assertEquals(chiC, Math.exp(-1 / actual.xiC()), CHI_C_TOLERANCE / gap, "chi_c " + where);
    }

    /** Moments by 1-D quadrature, every pair expectation by a fresh 2-D quadrature. */
    private static Expectations plainQuadrature(ActivationFunction phi) {
        Expectations numerical = Expectations.numerical(phi);
        double[] breaks = phi.breakpoints();
        double width = breaks.length == 0 ? phi.analyticHalfWidth() : 0;
        Integrand value = new Integrand(phi::value, breaks, width);
        Integrand slope = new Integrand(phi::derivative, breaks, width);
        BivariateGaussian pair = BivariateGaussian.standard();
        return new Expectations() {
            @Override
            public ActivationFunction activation() {
                return phi;
            }

            @Override
            public Moments moments(double q) {
                return numerical.moments(q);
            }

            @Override
            public double product(double q, double c) {
                return c == 1 ? moments(q).v() : pair.expectProduct(value, value, q, c);
            }

            @Override
            public double derivativeProduct(double q, double c) {
                return c == 1 ? moments(q).d() : pair.expectProduct(slope, slope, q, c);
            }
        };
    }
}
