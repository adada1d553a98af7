package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropagationDiagnosisTest {

    @Test
    void edgeOfChaosTanhIsHealthyWithUnitGain() {
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).solve(0.2);
        // input scaled so that the linear first layer lands on q*: q_1 = sigma_b^2 + sigma_w^2 q_0
        double q0 = (p.qStar() - p.biasVariance()) / p.weightVariance();
        PropagationSnapshot s = Snapshots.ideal(Activations.tanh(), p.sigmaW(), 0.2, q0, 0.5, 30);
        PropagationDiagnosis.Diagnosis d = PropagationDiagnosis.of(s);
        assertEquals(Verdict.HEALTHY, d.verdict(), d.message());
        // q_l = q* on every layer, so every gain is chi_1 = 1 up to the solver's 1e-9
        assertEquals(1.0, d.meanChi1(), 1e-8);
        // empirical and theory are the same maps evaluated in the same order
        assertEquals(0.0, s.maxAbsCError(), 1e-13);
    }

    @Test
    void orderedTanhAtOneOneIsReportedAsOrderedWithAdvice() {
        PropagationSnapshot s = Snapshots.ideal(Activations.tanh(), 1, 1, 1, 0.5, 30);
        PropagationDiagnosis.Diagnosis d = PropagationDiagnosis.of(s);
        assertEquals(Verdict.ORDERED, d.verdict());
        assertTrue(d.meanChi1() < 0.9, "chi " + d.meanChi1());
        assertTrue(d.message().contains("increase sigma_w"), d.message());
    }

    @Test
    void chaoticTanhIsReportedAsChaotic() {
        PropagationSnapshot s = Snapshots.ideal(Activations.tanh(), 3, 0.1, 1, 0.5, 30);
        PropagationDiagnosis.Diagnosis d = PropagationDiagnosis.of(s);
        assertEquals(Verdict.CHAOTIC, d.verdict());
        assertTrue(d.message().contains("decrease sigma_w"), d.message());
    }

    /**
     * A trained network whose weights grew (chi_1 = 1.4 for their variances) and whose last layer
     * separates the probe pairs (measured c_L below c_0), while the theory for those weights keeps
     * the pairs correlated (c_L theory above c_0): the decorrelation is learned, not the chaotic
     * map's, so no chaotic phase is named. Seen in a 4-convolution MNIST CNN after 40 SGD steps at
     * lr 0.01 (DJL and DL4J: chi_1 1.37-1.40, c_0 0.30, c_L 0.18 measured, 0.73 theory), which both
     * listeners called "chaotic" with gradients 10x smaller at the input than at the output.
     */
    @Test
    void aLearnedDecorrelationIsNotAChaoticPhase() {
        PropagationSnapshot chaotic = Snapshots.ideal(Activations.tanh(), 3, 0.1, 1, 0.5, 30);
        assertEquals(Verdict.CHAOTIC, PropagationDiagnosis.of(chaotic).verdict());
        // the same measurements and chi_1, but a theory for the weights that keeps the pairs
        // correlated (c_L theory 0.9 > c_0): the measured decorrelation is not the map's
        double[] c = chaotic.cTheory();
        for (int l = 1; l < c.length; l++) {
            c[l] = 0.5 + 0.4 * l / (c.length - 1);
        }
        TheoryPredictor.Prediction theory =
                new TheoryPredictor.Prediction(chaotic.qTheory(), c, chaotic.theory().chi1());
        PropagationSnapshot learned =
                new PropagationSnapshot(
                        40,
                        chaotic.inputSecondMoment(),
                        chaotic.inputCorrelation(),
                        chaotic.layers(),
                        theory);
        PropagationDiagnosis.Diagnosis d = PropagationDiagnosis.of(learned);
        assertTrue(d.meanChi1() > 1.05, "chi " + d.meanChi1());
        assertFalse(d.has(Verdict.CHAOTIC), d.message());
    }

    @Test
    void nanAnywhereWinsOverEverythingElse() {
        PropagationSnapshot ok = Snapshots.ideal(Activations.tanh(), 1, 1, 1, 0.5, 5);
        List<LayerStatistics> layers = new ArrayList<>(ok.layers());
        LayerStatistics l3 = layers.get(2);
        layers.set(
                2,
                new LayerStatistics(
                        3,
                        "tanh",
                        Double.NaN,
                        l3.cEmpirical(),
                        1,
                        l3.weightVariance(),
                        l3.biasVariance()));
        PropagationSnapshot bad =
                PropagationSnapshot.of(
                        9, 1, 0.5, layers, Collections.nCopies(5, Activations.tanh()));
        PropagationDiagnosis.Diagnosis d = PropagationDiagnosis.of(bad);
        assertEquals(Verdict.NON_FINITE, d.verdict());
        assertTrue(d.message().contains("layer 3") && d.message().contains("learning rate"));
    }

    @Test
    void runawayWeightsAreFlaggedEvenWhileCorrelationsStayHigh() {
        // a diverged run: huge weights saturate tanh, q_1 ~ 1e8, but c_L stays near c_0
        PropagationSnapshot ok = Snapshots.ideal(Activations.tanh(), 1.3, 0.2, 1, 0.5, 5);
        List<LayerStatistics> layers = new ArrayList<>();
        for (LayerStatistics l : ok.layers()) {
            layers.add(
                    new LayerStatistics(
                            l.layer(), "tanh", 1.25e8, 0.5, 0.0, 2.6e3, l.biasVariance()));
        }
        PropagationSnapshot blown =
                PropagationSnapshot.of(
                        9, 1, 0.5, layers, Collections.nCopies(5, Activations.tanh()));
        PropagationDiagnosis.Diagnosis d = PropagationDiagnosis.of(blown);
        assertEquals(Verdict.CHAOTIC, d.verdict(), d.message());
        assertTrue(d.message().contains("learning rate"), d.message());
    }

    @Test
    void zeroRowsAreAVanishingSignalNotANaN() {
        // every unit of the last layers dead: rows exactly 0, q = 0, c = 0/0 (seen in DL4J with
        // ReLU biases shifted by -1; it was reported as "NaN/Inf ... training has diverged")
        LayerStatistics dead = new LayerStatistics(1, "relu", 0, Double.NaN, 0, 2, 0);
        assertTrue(dead.finite());
        assertTrue(!new LayerStatistics(1, "relu", Double.NaN, Double.NaN, 0, 2, 0).finite());
    }

    @Test
    void missingGradientIsNotAFailureButAnInfiniteOneIs() {
        LayerStatistics noGrad = new LayerStatistics(1, "tanh", 1, 0.5, Double.NaN, 1, 0);
        LayerStatistics infGrad =
                new LayerStatistics(1, "tanh", 1, 0.5, Double.POSITIVE_INFINITY, 1, 0);
        assertTrue(noGrad.finite());
        assertTrue(!infGrad.finite());
    }
}
