package dev.eoc.core.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianQuadratureTest {

    /** Closed forms are exact; the rule is accurate to ~1e-14 relative for smooth pieces. */
    private static final double TOLERANCE = 1e-13;

    private final GaussianQuadrature rule = GaussianQuadrature.standard();

    @ParameterizedTest
    @ValueSource(doubles = {1e-4, 0.01, 0.5, 1, 7, 100, 1e4})
    void momentsOfTheNormalLaw(double q) {
        double sd = Math.sqrt(q);
        double[] none = {};
        assertEquals(1, rule.expect(x -> 1, 0, sd, none), TOLERANCE);
        assertEquals(q, rule.expect(x -> x * x, 0, sd, none), TOLERANCE * q);
        assertEquals(3 * q * q, rule.expect(x -> x * x * x * x, 0, sd, none), TOLERANCE * q * q);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 1, 9, 400})
    void kinkedIntegrandsSplitAtTheKink(double q) {
        double sd = Math.sqrt(q);
        // E[max(0, X)] = sd / sqrt(2 pi); E[|X - 0.3|] for X ~ N(0, q) has a closed form too
        assertEquals(
                sd / Math.sqrt(2 * Math.PI),
                rule.expect(x -> Math.max(0, x), 0, sd, new double[] {0}),
                TOLERANCE * sd);
        double a = 0.3;
        double phi = Math.exp(-a * a / (2 * q)) / Math.sqrt(2 * Math.PI);
        double cdf = 0.5 * org.apache.commons.math3.special.Erf.erfc(-a / (sd * Math.sqrt(2)));
        double expected = 2 * sd * phi + a * (2 * cdf - 1);
        assertEquals(
                expected,
                rule.expect(x -> Math.abs(x - a), 0, sd, new double[] {a}),
                1e-12 * Math.max(1, sd));
    }

    @Test
    void hermiteAndLegendreAgreeOnAnalyticIntegrands() {
        // E[exp(X)] = exp(q/2): entire integrand, Gauss-Hermite path when the strip is wide
        for (double q : new double[] {0.01, 0.1, 0.3}) {
            double sd = Math.sqrt(q);
            double viaHermite = rule.expect(Math::exp, 0.2, sd, new double[0], 1, 10);
            double viaLegendre = rule.expect(Math::exp, 0.2, sd, new double[0]);
            double exact = Math.exp(0.2 + q / 2);
            assertEquals(exact, viaHermite, 1e-14 * exact);
            assertEquals(exact, viaLegendre, 1e-14 * exact);
        }
    }

    @Test
    void ruleWeightsSumToOne() {
        QuadratureRule r = rule.rule(0.4, 2, new double[] {-1, 1});
        double sum = 0;
        for (double w : r.weights()) {
            sum += w;
        }
        assertEquals(1, sum, 1e-14);
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GaussianQuadrature.of(1, 9, 2));
        assertThrows(IllegalArgumentException.class, () -> GaussianQuadrature.of(10, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> GaussianQuadrature.of(10, 9, -2));
        assertThrows(IllegalArgumentException.class, () -> rule.rule(0, Double.NaN, new double[0]));
    }
}
