package dev.eoc.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** E[phi(u1) phi(u2)] at unequal variances, against closed forms and mpmath references. */
class UnequalVariancesTest {

    /** The rule's stated accuracy (1e-11 relative on closed-form kernels) with a margin of 10. */
    private static final double TOLERANCE = 1e-10;

    private static final double[][] POINTS = {
        {0.5, 2.0, 0.3},
        {0.05, 1.2, -0.6},
        {3.0, 0.7, 0.9},
        {1e-3, 40, 0.99},
        {7, 0.2, -1},
        {2, 5, 1}
    };

    /**
     * Quadrature against the arc-cosine kernel (ReLU family) and Williams' arcsine kernel (erf).
     */
    @ParameterizedTest
    @ValueSource(strings = {"relu", "leaky_relu(0.2)", "erf"})
    void quadratureMatchesClosedForms(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        Expectations closed = Expectations.of(phi);
        for (double[] p : POINTS) {
            double exact = closed.product(p[0], p[1], p[2]);
            double quadrature = UnequalVariances.product(phi, p[0], p[1], p[2], false);
            assertEquals(
                    exact,
                    quadrature,
                    TOLERANCE * Math.max(1, Math.abs(exact)),
                    spec + " at " + java.util.Arrays.toString(p));
        }
    }

    /**
     * 17-digit references by mpmath at 20 digits: mp.quad over x of phi(sqrt(q1) x) npdf(x) times
     * the inner mp.quad over y of phi(sqrt(q2) (c x + sqrt(1 - c^2) y)) npdf(y), both tanh-sinh,
     * the outer split at 0 and the inner at y = -c x / sqrt(1 - c^2) (ELU's kink).
     */
    @ParameterizedTest
    @CsvSource({
        "tanh, 0.5, 2.0, 0.3, 0.10512071711067775",
        "tanh, 0.05, 1.2, -0.6, -0.080566704523497649",
        "tanh, 3.0, 0.7, 0.9, 0.38319227954603013",
        "elu, 0.5, 2.0, 0.3, 0.20103936143751197",
        "elu, 0.05, 1.2, -0.6, -0.098363805548746819",
        "elu, 3.0, 0.7, 0.9, 0.79910542588617559"
    })
    void matchesMpmathReferences(String spec, double q1, double q2, double c, double reference) {
        Expectations e = Expectations.of(Activations.parse(spec));
        assertEquals(reference, e.product(q1, q2, c), TOLERANCE);
    }

    /**
     * Equal variances give the equal-variance map C(q, c); swapping the variances changes nothing.
     */
    @Test
    void equalVariancesAndSymmetry() {
        ActivationFunction tanh = Activations.tanh();
        Expectations e = Expectations.of(tanh);
        assertEquals(
                e.product(0.8, 0.4),
                UnequalVariances.product(tanh, 0.8, 0.8, 0.4, false),
                TOLERANCE);
        assertEquals(
                UnequalVariances.product(tanh, 0.3, 2.5, -0.2, false),
                UnequalVariances.product(tanh, 2.5, 0.3, -0.2, false),
                TOLERANCE);
    }

    /** The probe's coarse rule within its stated 1e-5 of the fine one, kinked activations too. */
    @ParameterizedTest
    @ValueSource(strings = {"tanh", "elu", "gelu", "swish", "selu", "sigmoid", "softplus"})
    void coarseRuleWithinItsStatedAccuracy(String spec) {
        Expectations e = Expectations.of(Activations.parse(spec));
        for (double[] p : POINTS) {
            for (double scale : new double[] {1, 0.01, 30}) {
                double q1 = p[0] * scale;
                double fine = e.product(q1, p[1], p[2]);
                assertEquals(
                        fine,
                        e.coarseProduct(q1, p[1], p[2]),
                        1e-5 * Math.max(1, Math.abs(fine)),
                        spec + " at " + q1 + ", " + p[1] + ", " + p[2]);
            }
        }
    }

    /** A zero variance is the constant phi(0): sigmoid(0) E[sigmoid(u)] = 1/4 by symmetry. */
    @Test
    void zeroVarianceIsTheConstantPhiOfZero() {
        Expectations sigmoid = Expectations.of(Activations.sigmoid());
        assertEquals(0.25, sigmoid.product(0, 3.0, 0.5), TOLERANCE);
        assertEquals(0.25, sigmoid.product(0, 0, 0.5), TOLERANCE);
        assertEquals(0, Expectations.of(Activations.relu()).product(0, 2, 0.1));
        assertEquals(0, Expectations.of(Activations.tanh()).product(1.5, 0, 0.1), 1e-15);
    }

    @Test
    void badInputsNameTheValue() {
        Expectations e = Expectations.of(Activations.tanh());
        IllegalArgumentException negative =
                assertThrows(IllegalArgumentException.class, () -> e.product(-1, 2, 0.5));
        assertTrue(negative.getMessage().contains("-1.0"), negative.getMessage());
        IllegalArgumentException c =
                assertThrows(IllegalArgumentException.class, () -> e.product(1, 2, 1.5));
        assertTrue(c.getMessage().contains("1.5"), c.getMessage());
    }
}
