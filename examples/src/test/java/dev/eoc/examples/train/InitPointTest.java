package dev.eoc.examples.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import org.junit.jupiter.api.Test;

class InitPointTest {

    /**
     * ReLU's EOC point has chi_q = 1 because every q is a fixed point (neutral, not repelling);
     * every ReLU run used to warn that its point was unstable and would not train.
     */
    @Test
    void reluEocPointIsNeutralNotUnstable() {
        InitPoint relu =
                InitPoint.resolve(InitScheme.EOC, Framework.DJL, Activations.relu(), null, null);
        assertFalse(relu.unstable(), relu.toString());
        assertTrue(relu.neutral(), relu.toString());
        InitPoint ssp =
                InitPoint.resolve(
                        InitScheme.EOC, Framework.DJL, Activations.shiftedSoftplus(), 0.2, null);
        assertTrue(ssp.unstable(), ssp.toString()); // chi_q > 1: the paper's S-Softplus rows
        assertFalse(ssp.neutral());
    }
}
