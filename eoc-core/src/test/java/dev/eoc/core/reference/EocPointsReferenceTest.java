package dev.eoc.core.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.criticality.NoEdgeOfChaosException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EOC points against eoc_points.csv and eoc_absent.csv (mpmath, 40 digits, all roots of b(q) =
 * sigma_b^2 on a 401-point grid over [1e-6, 1e6]; no activation has more than one).
 */
class EocPointsReferenceTest {

    /** The bound for sigma_w and q*; measured errors are ~1e-13. */
    private static final double SIGMA_W_AND_Q = 1e-9;

    /** chi_q carries the same moment accuracy. */
    private static final double CHI_Q = 1e-9;

    /** The bound for beta_q (it involves E[phi''^2], see MomentsReferenceTest). */
    private static final double BETA_Q = 1e-7;

    @Test
    void everyTabulatedPointIsReproduced() {
        List<ReferenceTable.Row> rows = ReferenceTable.load("eoc_points.csv");
        assertTrue(rows.size() >= 60, "table has " + rows.size() + " rows");
        for (ReferenceTable.Row row : rows) {
            ActivationFunction phi = Activations.parse(row.text("activation"));
            double sigmaB = row.number("sigma_b");
            List<EocPoint> all = EdgeOfChaos.of(phi).solveAll(sigmaB);
            int index = (int) row.number("root_index");
            assertTrue(index < all.size(), row + ": only " + all.size() + " roots found");
            EocPoint p = all.get(index);
            String where = row.toString();
            relative(row.number("sigma_w"), p.sigmaW(), SIGMA_W_AND_Q, where + " sigma_w");
            relative(row.number("q_star"), p.qStar(), SIGMA_W_AND_Q, where + " q*");
            double chiQ = row.number("chi_q");
            if (phi.spec().equals("hard_tanh")) {
                // the table uses E[phi'^2 + phi phi''] with the a.e. phi''; hard-tanh's phi'' has
                // Dirac masses at +-1 that add -2 sigma_w^2 p_q*(1) (see Moments)
                double q = p.qStar();
                chiQ -=
                        row.number("sigma_w")
                                * row.number("sigma_w")
                                * 2
                                * Math.exp(-1 / (2 * q))
                                / Math.sqrt(2 * Math.PI * q);
            }
            relative(chiQ, p.chiQ(), CHI_Q, where + " chi_q");
            double betaQ = row.number("beta_q");
            if (Double.isNaN(betaQ)) {
                assertTrue(Double.isNaN(p.betaQ()), where + " beta_q undefined");
            } else {
                relative(betaQ, p.betaQ(), BETA_Q, where + " beta_q");
            }
        }
    }

    @Test
    void absentPointsAreClearErrors() {
        for (ReferenceTable.Row row : ReferenceTable.load("eoc_absent.csv")) {
            ActivationFunction phi = Activations.parse(row.text("activation"));
            double sigmaB = row.number("sigma_b");
            NoEdgeOfChaosException e =
                    assertThrows(
                            NoEdgeOfChaosException.class,
                            () -> EdgeOfChaos.solve(phi, sigmaB),
                            row.toString());
            assertTrue(e.getMessage().contains(phi.spec()), e.getMessage());
        }
    }

    private static void relative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), what);
    }
}
