package dev.eoc.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MeanFieldTest {

    static List<String> activations() {
        return List.of(
                "relu",
                "leaky_relu(0.2)",
                "elu(1)",
                "elu(0.5)",
                "selu",
                "tanh",
                "erf",
                "sigmoid",
                "swish",
                "gelu",
                "gelu_sigmoid",
                "shifted_softplus",
                "mish",
                "hard_tanh");
    }

    private static MeanField field(String spec, double sigmaW, double sigmaB) {
        return MeanField.of(Activations.parse(spec), InitVariances.ofStd(sigmaW, sigmaB));
    }

    /**
     * Central differences with h = 1e-4 on maps accurate to ~1e-11: truncation h^2 |F'''|/6 and
     * rounding 1e-11 / h = 1e-7 dominate, so derivatives agree to 1e-6.
     */
    private static final double FD_TOLERANCE = 1e-6;

    @ParameterizedTest
    @MethodSource("activations")
    void slopesEqualFiniteDifferences(String spec) {
        MeanField f = field(spec, 1.3, 0.3);
        double h = 1e-4;
        for (double q : new double[] {0.2, 1.0, 3.0}) {
            double fd = (f.varianceMap(q + h) - f.varianceMap(q - h)) / (2 * h);
            assertEquals(
                    fd,
                    f.varianceMapSlope(q),
                    FD_TOLERANCE * Math.max(1, fd),
                    spec + " F' at " + q);
            for (double c : new double[] {-0.5, 0.2, 0.8}) {
                double fdc = (f.correlationMap(q, c + h) - f.correlationMap(q, c - h)) / (2 * h);
                assertEquals(
                        fdc,
                        f.correlationSlope(q, c),
                        FD_TOLERANCE,
                        spec + " df/dc at " + q + "," + c);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("activations")
    void fixedPointInvariants(String spec) {
        MeanField f = field(spec, 1.2, 0.4);
        VarianceFixedPoint fixed = f.varianceFixedPoint(1.0);
        assertTrue(fixed.converged(), spec + " " + fixed);
        double q = fixed.q();
        assertEquals(q, f.varianceMap(q), 1e-13 * q, spec + " F(q*) = q*");
        assertEquals(1.0, f.correlationMap(q, 1.0), 1e-12, spec + " f(1) = 1 at q*");
        assertEquals(f.chi1(q), f.correlationSlope(q, 1.0), 1e-10, spec + " chi_1 = f'(1)");
        double previous = -2;
        for (double c = -1; c <= 1; c += 0.125) {
            double next = f.correlationMap(q, c);
            assertTrue(next > previous, spec + " f increasing at c = " + c);
            assertTrue(next >= -1 && next <= 1 + 1e-12, spec + " f(c) in [-1, 1]");
            previous = next;
        }
    }

    @ParameterizedTest
    @MethodSource("closedForms")
    void closedFormsMatchQuadrature(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        Expectations closed = Expectations.of(phi);
        Expectations numeric = Expectations.numerical(phi);
        for (double q : new double[] {0.05, 1, 10}) {
            assertEquals(closed.moments(q).v(), numeric.moments(q).v(), 1e-13 * q, spec + " V");
            assertEquals(closed.moments(q).d(), numeric.moments(q).d(), 1e-13, spec + " D");
            assertEquals(closed.moments(q).dv(), numeric.moments(q).dv(), 1e-13, spec + " V'");
            for (double c : new double[] {-0.95, -0.3, 0, 0.4, 0.9, 0.9999}) {
                // pair quadrature: ~2e-11 q measured (see BivariateGaussianTest)
                assertEquals(
                        closed.product(q, c),
                        numeric.product(q, c),
                        5e-11 * Math.max(1, q),
                        spec + " C at " + q + "," + c);
                assertEquals(
                        closed.derivativeProduct(q, c),
                        numeric.derivativeProduct(q, c),
                        5e-10,
                        spec + " C' at " + q + "," + c);
            }
        }
    }

    static List<String> closedForms() {
        return List.of("relu", "leaky_relu(0.2)", "linear", "erf");
    }

    @Test
    void linearMapsAreExact() {
        MeanField f = field("linear", 1.5, 0.5);
        assertEquals(0.25 + 2.25 * 2, f.varianceMap(2), 1e-15);
        assertEquals((0.25 + 2.25 * 2 * 0.3) / (0.25 + 2.25 * 2), f.correlationMap(2, 0.3), 1e-15);
    }

    @Test
    void varianceOutcomes() {
        assertEquals(
                VarianceFixedPoint.Outcome.DIVERGES,
                field("softplus", 2, 0.1).varianceFixedPoint(1).outcome());
        assertEquals(
                VarianceFixedPoint.Outcome.VANISHES,
                field("tanh", 0.5, 0).varianceFixedPoint(1).outcome());
        assertEquals(
                VarianceFixedPoint.Outcome.CONVERGED,
                field("tanh", 1, 1).varianceFixedPoint(1).outcome());
    }

    @Test
    void trajectoryShapeAndValidation() {
        MeanField f = field("tanh", 1.3, 0.2);
        Trajectory t = f.propagate(0.5, 0.3, 10);
        assertEquals(10, t.depth());
        assertEquals(11, t.q().length);
        assertEquals(0.3, t.c()[0], 0);
        assertEquals(f.varianceMap(0.5), t.q()[1], 0);
        assertEquals(f.correlationMap(0.5, 0.3), t.c()[1], 1e-15);
        IllegalArgumentException depth =
                assertThrows(IllegalArgumentException.class, () -> f.propagate(1, 0.5, 0));
        assertTrue(depth.getMessage().contains("0"), depth.getMessage());
        IllegalArgumentException corr =
                assertThrows(IllegalArgumentException.class, () -> f.propagate(1, 1.5, 3));
        assertTrue(corr.getMessage().contains("1.5"), corr.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.propagate(-1, 0.5, 3));
        assertThrows(IllegalArgumentException.class, () -> f.propagate(Double.NaN, 0.5, 3));
        assertThrows(
                ArithmeticException.class, () -> field("softplus", 3, 0).propagate(1, 0.5, 5000));
    }

    @Test
    void initVariancesRejectBadValuesWithTheValue() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new InitVariances(bad, 0));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new InitVariances(1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> InitVariances.ofStd(1, Double.NaN));
        assertEquals(Math.sqrt(2.0 / 300), new InitVariances(2, 0).weightStd(300), 1e-16);
        assertThrows(IllegalArgumentException.class, () -> new InitVariances(2, 0).weightStd(0));
    }

    /**
     * Newton's method from a guess reaches the same c* as from c = 0: from the left it rises
     * monotonically, from the right one tangent step lands left of c* (g convex), and a guess past
     * the minimum of g falls back to c = 0. Both stop at steps of 1e-14; 1e-13 allows for that.
     */
    @ParameterizedTest
    @CsvSource({"tanh, 2.5, 0.3", "elu, 1.3, 0.3", "erf, 2, 0.5", "hard_tanh, 2.5, 0.5"})
    void correlationFixedPointFromAGuess(String spec, double sigmaW, double sigmaB) {
        MeanField f = field(spec, sigmaW, sigmaB);
        double q = f.varianceFixedPoint(1.0).q();
        double c = f.correlationFixedPoint(q);
        assertTrue(c > 0 && c < 1, spec + " is chaotic here, c* = " + c);
        for (double guess :
                new double[] {1e-3, c / 2, c - 1e-6, c, c + 1e-6, (1 + c) / 2, 1 - 1e-9}) {
            assertEquals(
                    c, f.correlationFixedPoint(q, guess), 1e-13, spec + " from guess " + guess);
        }
        // the same search; its first steps ran on a Mehler series computed for the first query's
        // reach, later ones on the extended series, which round differently (3e-15 seen)
        assertEquals(c, f.correlationFixedPoint(q, Double.NaN), 1e-13, spec + " without a guess");
    }
}
