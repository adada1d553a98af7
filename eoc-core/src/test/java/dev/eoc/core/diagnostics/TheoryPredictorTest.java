package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.Trajectory;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TheoryPredictorTest {

    /** Both sides evaluate the same maps in the same order; only rounding can differ. */
    private static final double SAME_COMPUTATION = 1e-14;

    @Test
    void uniformNetworkFollowsTheMeanFieldTrajectoryAfterTheLinearFirstLayer() {
        ActivationFunction tanh = Activations.tanh();
        InitVariances v = InitVariances.ofStd(1.3, 0.2);
        int depth = 12;
        TheoryPredictor.Prediction p =
                TheoryPredictor.predict(
                        0.7,
                        0.5,
                        Collections.nCopies(depth, tanh),
                        Collections.nCopies(
                                depth, new double[] {v.weightVariance(), v.biasVariance()}));
        double q1 = 0.04 + 1.69 * 0.7;
        double c1 = (0.04 + 1.69 * 0.7 * 0.5) / q1;
        assertEquals(q1, p.q()[1], SAME_COMPUTATION);
        assertEquals(c1, p.c()[1], SAME_COMPUTATION);
        Trajectory t = MeanField.of(tanh, v).propagate(q1, c1, depth - 1);
        for (int l = 1; l <= depth; l++) {
            assertEquals(t.q()[l - 1], p.q()[l], SAME_COMPUTATION * t.q()[l - 1], "q at " + l);
            assertEquals(t.c()[l - 1], p.c()[l], SAME_COMPUTATION, "c at " + l);
        }
        assertEquals(MeanField.of(tanh, v).chi1(p.q()[3]), p.chi1()[3], SAME_COMPUTATION);
        assertTrue(Double.isNaN(p.chi1()[0]) && Double.isNaN(p.chi1()[depth]));
    }

    @Test
    void perLayerActivationsAndVariancesAreUsedForTheirOwnTransition() {
        // linear layers with sigma_b = 0: q_{l+1} = sigma_w,l+1^2 q_l exactly, c unchanged
        ActivationFunction linear = Activations.linear();
        TheoryPredictor.Prediction p =
                TheoryPredictor.predict(
                        2.0,
                        0.3,
                        List.of(linear, linear, linear),
                        List.of(new double[] {0.5, 0}, new double[] {3, 0}, new double[] {2, 0}));
        assertEquals(1.0, p.q()[1], 1e-14);
        assertEquals(3.0, p.q()[2], 1e-14);
        assertEquals(6.0, p.q()[3], 1e-14);
        assertEquals(0.3, p.c()[3], 1e-14);
    }

    @Test
    void unusableVariancesMakeTheRestNaNWithoutThrowing() {
        ActivationFunction tanh = Activations.tanh();
        TheoryPredictor.Prediction p =
                TheoryPredictor.predict(
                        1,
                        0.5,
                        List.of(tanh, tanh, tanh),
                        List.of(
                                new double[] {1, 0},
                                new double[] {Double.NaN, 0},
                                new double[] {1, 0}));
        assertTrue(Double.isFinite(p.q()[1]));
        assertTrue(Double.isNaN(p.q()[2]) && Double.isNaN(p.c()[3]));
    }

    @Test
    void rejectsMismatchedLengthsAndBadInputs() {
        ActivationFunction tanh = Activations.tanh();
        List<double[]> one = List.<double[]>of(new double[] {1, 0});
        assertThrows(
                IllegalArgumentException.class,
                () -> TheoryPredictor.predict(1, 0.5, List.of(tanh, tanh), one));
        assertThrows(
                IllegalArgumentException.class,
                () -> TheoryPredictor.predict(0, 0.5, List.of(tanh), one));
        assertThrows(
                IllegalArgumentException.class,
                () -> TheoryPredictor.predict(1, 1.5, List.of(tanh), one));
    }
}
