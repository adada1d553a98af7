package dev.eoc.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.eoc.core.activation.Activations;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every DJL activation with an Edge of Chaos computes eoc-core's phi: the engine evaluates the
 * block in float64 at 801 points of [-10, 10] and the core activation must agree to {@link
 * #DOUBLE_ROUNDING}. Where DJL takes the parameter as a float, the comparison allows for that
 * rounding too.
 */
class ActivationMappingTest {

    /** Both sides evaluate in double precision; their elementary functions differ by a few ulps. */
    private static final double DOUBLE_ROUNDING = 1e-12;

    /**
     * alpha or beta rounded to float: relative 6e-8 of the parameter times |d phi / d alpha| <= 10.
     */
    private static final double FLOAT_PARAMETER = 1e-6;

    private static NDManager manager;
    private static NDArray x;
    private static double[] points;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        points = new double[801];
        for (int i = 0; i < points.length; i++) {
            points[i] = -10 + 20.0 * i / (points.length - 1);
        }
        x = manager.create(points);
        assertEquals(DataType.FLOAT64, x.getDataType());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Stream<Arguments> blocks() {
        return Stream.of(
                Arguments.of(EocActivations.relu(), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.leakyRelu(0.2), FLOAT_PARAMETER),
                Arguments.of(EocActivations.elu(1.0), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.elu(0.5), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.elu(0.1), FLOAT_PARAMETER),
                Arguments.of(EocActivations.selu(), FLOAT_PARAMETER),
                Arguments.of(EocActivations.tanh(), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.sigmoid(), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.swish(1.0), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.swish(1.5), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.gelu(), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.mish(), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.softplus(), DOUBLE_ROUNDING),
                Arguments.of(EocActivations.shiftedSoftplus(), DOUBLE_ROUNDING));
    }

    private static double[] run(Block block) {
        NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), false);
        return out.singletonOrThrow().toDoubleArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void coreActivationEqualsWhatTheEngineComputes(ActivationBlock block, double tolerance) {
        double[] engine = run(block);
        for (int i = 0; i < points.length; i++) {
            double expected = block.activation().value(points[i]);
            assertEquals(
                    expected,
                    engine[i],
                    tolerance * Math.max(1, Math.abs(expected)),
                    block.activation().spec() + " at x = " + points[i]);
        }
    }

    @Test
    void djlGeluIsTheErfFormNotTheTanhApproximation() {
        double[] engine = run(EocActivations.gelu());
        double maxGap = 0;
        for (int i = 0; i < points.length; i++) {
            double t = points[i];
            double tanhForm =
                    0.5 * t * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (t + 0.044715 * t * t * t)));
            maxGap = Math.max(maxGap, Math.abs(engine[i] - tanhForm));
        }
        // the two forms differ by up to ~4.7e-4 (near |x| = 2.8), 1e8 times the erf-form error
        assertTrue(maxGap > 1e-4, "gap to the tanh approximation " + maxGap);
    }

    @Test
    void djlOwnParameterFreeBlocksAreRecognizedByName() {
        assertEquals("tanh", EocActivations.recognize(Activation.tanhBlock()).orElseThrow().spec());
        assertEquals("relu", EocActivations.recognize(Activation.reluBlock()).orElseThrow().spec());
        assertEquals("gelu", EocActivations.recognize(Activation.geluBlock()).orElseThrow().spec());
        assertEquals("selu", EocActivations.recognize(Activation.seluBlock()).orElseThrow().spec());
        assertEquals(
                "djl_mish", EocActivations.recognize(Activation.mishBlock()).orElseThrow().spec());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EocActivations.recognize(Activation.eluBlock(0.5f)));
        assertTrue(e.getMessage().contains("EocActivations.elu(alpha)"), e.getMessage());
    }

    @Test
    void djlMishUsesABaseTwoLogarithmAndItsDerivativesAreExact() {
        dev.eoc.core.activation.ActivationFunction m = EocActivations.mish().activation();
        dev.eoc.core.activation.ActivationFunction misra = Activations.mish();
        assertTrue(Math.abs(m.value(1) - misra.value(1)) > 1e-3, "differs from Misra's mish");
        // central differences: error h^2 |phi'''| / 6 ~ 1e-11 plus rounding 1e-16 / h ~ 1e-11
        double h = 1e-5;
        for (double t = -6; t <= 6; t += 0.25) {
            assertEquals((m.value(t + h) - m.value(t - h)) / (2 * h), m.derivative(t), 1e-8);
            assertEquals(
                    (m.derivative(t + h) - m.derivative(t - h)) / (2 * h),
                    m.secondDerivative(t),
                    1e-8);
        }
        assertThrows(IllegalArgumentException.class, () -> EocActivations.of("mish"));
        assertEquals("djl_mish", EocActivations.of("djl_mish").activation().spec());
    }

    @Test
    void specsBuildTheMatchingBlock() {
        assertEquals("elu(0.5)", EocActivations.of("elu(0.5)").activation().spec());
        // the paper's S-Softplus rows (issue 14): ./eoc reproduce could not build it
        assertEquals("shifted_softplus", EocActivations.of("shifted_softplus").activation().spec());
        assertEquals(Activations.swish(1.0).spec(), EocActivations.of("silu").activation().spec());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EocActivations.of("erf"));
        assertTrue(e.getMessage().contains("supported"), e.getMessage());
    }
}
