package dev.eoc.core.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.Expectations;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pair expectations C(q, c) = E[phi(u1) phi(u2)] and C'(q, c) = E[phi'(u1) phi'(u2)] against
 * cmap.csv (mpmath at 30 digits, nested composite Gauss-Legendre split at kinks).
 */
class CorrelationMapReferenceTest {

    /**
     * The issue bounds correlation-map values f = (sigma_b^2 + sigma_w^2 C) / q_next by 1e-10
     * absolute; with sigma_w^2 / q_next = O(1 / q), C must be right to 1e-10 per unit q. The pair
     * rule and Mehler series measure ~1e-14.
     */
    private static final double PER_UNIT_Q = 1e-10;

    /** C' enters only chi_c and xi_c (through a logarithm); the same bound, absolute. */
    private static final double DERIVATIVE = 1e-10;

    @Test
    void pairExpectationsMatchTheTable() {
        List<ReferenceTable.Row> rows = ReferenceTable.load("cmap.csv");
        assertTrue(rows.size() >= 200, "table has " + rows.size() + " rows");
        for (ReferenceTable.Row row : rows) {
            ActivationFunction phi = Activations.parse(row.text("activation"));
            Expectations e = Expectations.of(phi);
            double q = row.number("q");
            double c = row.number("c");
            String where = row.toString();
            assertEquals(
                    row.number("C"), e.product(q, c), PER_UNIT_Q * Math.max(1, q), where + " C");
            assertEquals(row.number("C1"), e.derivativeProduct(q, c), DERIVATIVE, where + " C'");
        }
    }
}
