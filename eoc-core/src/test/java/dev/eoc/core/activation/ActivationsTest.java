package dev.eoc.core.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationsTest {

    static List<String> builtIns() {
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
                "softplus",
                "shifted_softplus",
                "mish",
                "hard_tanh",
                "linear");
    }

    /**
     * Central differences with h = 1e-5 have truncation error h^2 |phi'''| / 6 ~ 1e-11 and rounding
     * error ~1e-16 / h = 1e-11 for O(1) values: 1e-8 leaves a wide margin.
     */
    private static final double FD_TOLERANCE = 1e-8;

    @ParameterizedTest
    @MethodSource("builtIns")
    void derivativesMatchFiniteDifferencesAwayFromKinks(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        double h = 1e-5;
        for (double x = -6.05; x <= 6; x += 0.1) {
            if (nearBreakpoint(phi, x, 10 * h)) {
                continue;
            }
            double fd1 = (phi.value(x + h) - phi.value(x - h)) / (2 * h);
            double fd2 = (phi.derivative(x + h) - phi.derivative(x - h)) / (2 * h);
            assertEquals(fd1, phi.derivative(x), FD_TOLERANCE, spec + " phi' at " + x);
            assertEquals(fd2, phi.secondDerivative(x), FD_TOLERANCE, spec + " phi'' at " + x);
            double[] out = new double[3];
            phi.evaluate(x, out);
            assertEquals(phi.value(x), out[0], 1e-15, spec + " fused phi at " + x);
            assertEquals(phi.derivative(x), out[1], 1e-15, spec + " fused phi' at " + x);
            assertEquals(phi.secondDerivative(x), out[2], 1e-15, spec + " fused phi'' at " + x);
        }
    }

    private static boolean nearBreakpoint(ActivationFunction phi, double x, double d) {
        for (double b : phi.breakpoints()) {
            if (Math.abs(x - b) < d) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void specRoundTrips(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        ActivationFunction again = Activations.parse(phi.spec());
        assertEquals(phi.spec(), again.spec());
        for (double x = -3; x <= 3; x += 0.25) {
            assertEquals(phi.value(x), again.value(x), 0.0);
        }
    }

    @Test
    void valuesAtKnownPoints() {
        assertEquals(0.5, Activations.sigmoid().value(0), 0);
        assertEquals(0.0, Activations.shiftedSoftplus().value(0), 1e-16);
        assertEquals(Math.log(2), Activations.softplus().value(0), 1e-16);
        assertEquals(1.0, Activations.hardTanh().value(3), 0);
        assertEquals(-0.2 * 3, Activations.parse("leaky_relu(0.2)").value(-3), 1e-16);
        assertEquals(0.5 * Math.expm1(-1), Activations.parse("elu(0.5)").value(-1), 1e-16);
        // gelu(1) = Phi(1) = 0.841344746068542948585232545632 (standard normal CDF at 1)
        assertEquals(0.841344746068542948585232545632, Activations.gelu().value(1), 1e-15);
        // erf(0.5) = 0.520499877813046537682746653892 (Abramowitz & Stegun table 7.1)
        assertEquals(0.520499877813046537682746653892, Activations.erf().value(0.5), 1e-15);
        assertEquals(1.702, ((Swish) Activations.geluSigmoid()).beta(), 0);
    }

    @Test
    void kinksAreDeclared() {
        assertEquals(1, Activations.relu().kinks().length);
        assertEquals(0, Activations.linear().kinks().length);
        assertEquals(0, Activations.elu(1).kinks().length, "ELU(1) has continuous phi'");
        assertEquals(1, Activations.elu(1).breakpoints().length, "but phi'' jumps at 0");
        assertEquals(1, Activations.elu(0.5).kinks().length);
        assertEquals(1, Activations.selu().kinks().length);
        assertEquals(2, Activations.hardTanh().kinks().length);
        assertTrue(Activations.tanh().hasContinuousDerivative());
    }

    @ParameterizedTest
    @ValueSource(strings = {"relux", "", "elu(", "tanh(2)", "elu(abc)", "elu(-1)", "swish(0)"})
    void badSpecsAreRejectedWithTheValueAndTheAllowedOnes(String spec) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Activations.parse(spec));
        assertTrue(e.getMessage().length() > 20, e.getMessage());
    }

    /**
     * Issue 16 (7): leaky_relu(-1), leaky_relu(2) and leaky_relu(1e308) were accepted (the last
     * "solved" to sigma_w = 0 with chi_1 = 1). The slope is in [0, 1]; the message names the value,
     * the range and a spec that works.
     */
    @ParameterizedTest
    @ValueSource(doubles = {-1, -1e-9, 1.5, 2, 1e308})
    void leakyReluSlopesOutsideZeroToOneAreRefused(double alpha) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Activations.leakyRelu(alpha));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        assertTrue(e.getMessage().contains("leaky_relu(0.01)"), e.getMessage());
        Activations.parse("leaky_relu(0.01)"); // the suggested spec works
        assertThrows(
                IllegalArgumentException.class,
                () -> Activations.parse("leaky_relu(" + alpha + ")"));
    }

    @Test
    void unknownNameListsKnownNames() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Activations.parse("swishy"));
        assertTrue(e.getMessage().contains("swishy"), e.getMessage());
        assertTrue(e.getMessage().contains("tanh"), e.getMessage());
        assertTrue(e.getMessage().contains("leaky_relu"), e.getMessage());
    }

    @Test
    void customActivationUsesFiniteDifferencesWhenDerivativesAreMissing() {
        ActivationFunction cube = Activations.custom("cubic", x -> x + x * x * x / 10);
        for (double x = -2; x <= 2; x += 0.5) {
            // truncation h^2 phi'''/6 = 1e-8 * 0.6 / 6 for phi', exact for phi'' (cubic)
            assertEquals(1 + 0.3 * x * x, cube.derivative(x), 1e-7);
            assertEquals(0.6 * x, cube.secondDerivative(x), 1e-6);
        }
        assertEquals("cubic", cube.spec());
        assertThrows(IllegalArgumentException.class, () -> Activations.custom(" ", x -> x));
    }
}
