package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import dev.eoc.core.meanfield.SignalPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Networks with BatchNorm between Linear and activation: the theory stops at the first BatchNorm,
 * every layer is still measured, and the verdict rests on the measurements; exploding gradients are
 * explained by BatchNorm (Yang et al. 2019), not by sigma_w.
 */
class BatchNormDiagnosisTest {

    private static final int DEPTH = 30;

    /** Linear, BatchNorm, tanh, ..., Linear: the paper's EOC + BN network. */
    private static SignalPath path() {
        SignalPath.Builder b = SignalPath.builder();
        for (int l = 0; l < DEPTH; l++) {
            if (l > 0) {
                b.normalization().activation(Activations.tanh());
            }
            b.dense();
        }
        return b.build();
    }

    /**
     * Measured layers at q = 1, c falling slowly, gradients growing by {@code factor} per layer.
     */
    private static PropagationSnapshot snapshot(double factor) {
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 1; l <= DEPTH; l++) {
            double c = 0.5 + 0.2 * l / DEPTH;
            layers.add(
                    new LayerStatistics(
                            l,
                            "tanh",
                            1.0,
                            c,
                            1e-3 * Math.pow(factor, DEPTH - l),
                            1.7,
                            0.04,
                            300,
                            new double[] {c, c},
                            UnitActivity.UNKNOWN));
        }
        return PropagationSnapshot.of(
                5, 0.5, new double[] {0.5, 0.5}, layers, path(), TheoryPredictor.quadrature());
    }

    @Test
    void theTheoryStopsAtTheFirstBatchNorm() {
        PropagationSnapshot s = snapshot(1.0);
        assertTrue(s.theory().normalized());
        assertTrue(Double.isFinite(s.qTheory()[1]), "the Linear layer before it is predicted");
        for (int l = 2; l <= DEPTH; l++) {
            assertTrue(Double.isNaN(s.qTheory()[l]), "layer " + l);
        }
        assertTrue(Double.isNaN(PropagationDiagnosis.of(s).meanChi1()), "no phase to name");
    }

    /**
     * Gradients growing 1.1 per layer (tanh + BN measured 1.097, docs/RESULTS.md) over 30 layers: a
     * ratio of 16, inside AUTOTRAINER's 70: no alarm; at 1.22 per layer (ReLU + BN) the ratio is
     * 320: exploding gradients, explained by BatchNorm.
     */
    @Test
    void gradientsThatGrowWithDepthAreBlamedOnBatchNorm() {
        PropagationDiagnosis.Diagnosis mild = PropagationDiagnosis.of(snapshot(1.1));
        assertEquals(Verdict.HEALTHY, mild.verdict(), mild.message());
        PropagationDiagnosis.Diagnosis steep = PropagationDiagnosis.of(snapshot(1.22));
        assertEquals(Verdict.EXPLODING_GRADIENTS, steep.verdict(), steep.message());
        assertTrue(steep.message().contains("BatchNorm"), steep.message());
        assertTrue(steep.message().contains("Yang et al. 2019"), steep.message());
        assertFalse(steep.message().contains("decrease sigma_w"), steep.message());
        assertTrue(steep.message().contains("theory sqrt(prod chi_1) = nan"), steep.message());
    }

    @Test
    void reportsSayWhereTheTheoryStops() {
        PropagationSnapshot s = snapshot(1.0);
        String line = ReportFormatter.format(s, PropagationDiagnosis.of(s));
        assertTrue(line.contains("theory=until-batchnorm"), line);
    }
}
