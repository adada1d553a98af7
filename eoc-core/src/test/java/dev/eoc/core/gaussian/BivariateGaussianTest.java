package dev.eoc.core.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BivariateGaussianTest {

    /**
     * The pair rule of NumericalExpectations (8 points per panel, panels up to 2.5 sd) was measured
     * at up to 2.2e-11 absolute per unit q on these cases (erf at c = 0.99999); the bound
     * for correlation-map values is 1e-10, so 5e-11 keeps a margin of 2 on both.
     */
    private static final double TOLERANCE = 5e-11;

    private final BivariateGaussian pair =
            BivariateGaussian.using(GaussianQuadrature.of(8, 9, 2.5));

    private static final Integrand RELU = new Integrand(x -> Math.max(0, x), new double[] {0}, 0);
    private static final Integrand ERF = new Integrand(Erf::erf, new double[0], 0);

    @ParameterizedTest
    @CsvSource({
        "0.01,-1",
        "0.01,0.3",
        "1,-0.9",
        "1,0",
        "1,0.5",
        "1,0.99",
        "1,0.999999",
        "1,1",
        "25,0.7",
        "25,-0.2"
    })
    void reluArcCosineKernel(double q, double c) {
        // Cho & Saul 2009: E[relu(u1) relu(u2)] = q/(2 pi) (sqrt(1-c^2) + (pi - arccos c) c)
        double exact = q / (2 * Math.PI) * (Math.sqrt(1 - c * c) + (Math.PI - Math.acos(c)) * c);
        assertEquals(exact, pair.expectProduct(RELU, RELU, q, c), TOLERANCE * q);
    }

    @ParameterizedTest
    @CsvSource({"0.05,0.5", "1,-0.9", "1,0.9", "1,0.99999", "4,0.3", "20,-0.7"})
    void erfArcsineKernel(double q, double c) {
        // Williams 1997: E[erf(u1) erf(u2)] = (2/pi) arcsin(2 q c / (1 + 2 q))
        double exact = 2 / Math.PI * Math.asin(2 * q * c / (1 + 2 * q));
        assertEquals(exact, pair.expectProduct(ERF, ERF, q, c), TOLERANCE);
    }

    @ParameterizedTest
    @CsvSource({"0.5,0.3", "3,-0.6", "3,0.95"})
    void linearFactorsGiveTheCovariance(double q, double c) {
        Integrand id = new Integrand(x -> x, new double[0], 0);
        assertEquals(q * c, pair.expectProduct(id, id, q, c), TOLERANCE * q);
    }

    @org.junit.jupiter.api.Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> pair.expectProduct(RELU, RELU, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> pair.expectProduct(RELU, RELU, 1, 1.5));
        assertThrows(
                IllegalArgumentException.class,
                () -> pair.expectProduct(RELU, RELU, 1, Double.NaN));
    }
}
