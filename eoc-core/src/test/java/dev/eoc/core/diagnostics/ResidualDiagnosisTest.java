package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Diagnosis;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.SignalPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnosis of residual networks: no phase verdicts, the branch scale as the scale fix. */
class ResidualDiagnosisTest {

    /**
     * A residual tanh network at tanh's EOC point, branch scale 1, depth 50: the stream grows, so
     * the branches' chi_1 falls far below 1 (the plain network's first condition for "ordered"),
     * yet q_l stays within the signal rule's bounds and c_l follows the residual maps: healthy.
     */
    @Test
    void aResidualTanhNetworkIsNotJudgedByItsFallingBranchGain() {
        PropagationSnapshot s = ideal(Activations.tanh(), eoc("tanh"), 1.0, 50);
        Diagnosis d = PropagationDiagnosis.of(s);
        assertTrue(d.meanChi1() < 1 - PropagationDiagnosis.CHI_MARGIN, "chi " + d.meanChi1());
        assertEquals(Verdict.HEALTHY, d.verdict(), d.message());
        // the log line says which theory judged it, so chi1 < 1 is not read as a phase
        String line = ReportFormatter.format(s, d);
        assertTrue(line.contains(" theory=residual "), line);
        assertTrue(
                !ReportFormatter.format(
                                Snapshots.ideal(Activations.tanh(), 1.3, 0.2, 0.5, 0.5, 5), d)
                        .contains("theory="),
                "plain networks' lines are unchanged");
    }

    /**
     * Swish on its EOC point with branch scale 1, 30 blocks: swish grows like ReLU, so the stream
     * grows geometrically past 1e6. Judged as a plain network, the same numbers are "chaotic" (a
     * runaway variance: weights blown off the Edge of Chaos), which is wrong -- the weights are on
     * it; as a residual network they are an exploding signal whose fix is the branch scale.
     */
    @Test
    void aSwishResidualNetworkExplodesByItsBranchScaleNotByChaos() {
        PropagationSnapshot residual = ideal(Activations.parse("swish"), eoc("swish"), 1.0, 30);
        Diagnosis d = PropagationDiagnosis.of(residual);
        assertEquals(Verdict.EXPLODING_SIGNAL, d.verdict(), d.message());
        assertTrue(d.message().contains("1/sqrt(blocks)"), d.message());
        assertTrue(!d.has(Verdict.CHAOTIC), d.message());
        PropagationSnapshot plain =
                new PropagationSnapshot(
                        residual.iteration(),
                        residual.inputSecondMoment(),
                        residual.inputCorrelation(),
                        residual.layers(),
                        new TheoryPredictor.Prediction(
                                residual.theory().q(),
                                residual.theory().c(),
                                residual.theory().chi1(),
                                residual.theory().pairC()));
        assertEquals(Verdict.CHAOTIC, PropagationDiagnosis.of(plain).verdict());
    }

    private static InitVariances eoc(String spec) {
        EocPoint p = EdgeOfChaos.of(Activations.parse(spec)).recommended();
        return new InitVariances(p.weightVariance(), p.biasVariance());
    }

    /**
     * ReLU on its EOC point with branch scale 1: q doubles per block (Hayou et al. 2019, Prop. 1
     * network), 2^40 after 40 blocks: an exploding signal, and the fix is the branch scale, not
     * sigma_w (which is already He's).
     */
    @Test
    void aReluResidualNetworkWithBranchScaleOneExplodesAndTheFixIsTheBranchScale() {
        PropagationSnapshot s =
                ideal(Activations.relu(), InitVariances.ofStd(Math.sqrt(2), 0), 1, 30);
        Diagnosis d = PropagationDiagnosis.of(s);
        assertEquals(Verdict.EXPLODING_SIGNAL, d.verdict(), d.message());
        assertTrue(d.message().contains("1/sqrt(blocks)"), d.message());
        // the advice names the branch's own point and a branch scale for the command to show
        assertTrue(
                d.message()
                        .contains(
                                "./eoc propagate --activation relu --sigma-b 0 --sigma-w 1.414"
                                        + " --residual --branch-scale 0.1768 --depth 32"),
                d.message());
    }

    /** With A = 1/sqrt(L) (Hayou et al. 2021) the same network stays bounded: healthy. */
    @Test
    void theStableBranchScaleIsHealthy() {
        int blocks = 30;
        PropagationSnapshot s =
                ideal(
                        Activations.relu(),
                        InitVariances.ofStd(Math.sqrt(2), 0),
                        1 / Math.sqrt(blocks),
                        blocks);
        assertEquals(Verdict.HEALTHY, PropagationDiagnosis.of(s).verdict());
    }

    /**
     * An infinitely wide residual network (embedding, blocks y + A (W phi(y) + b), output), whose
     * measured values are the theory's, with two identical probe pairs of c_0 = 0.5.
     */
    static PropagationSnapshot ideal(
            ActivationFunction phi, InitVariances v, double alpha, int blocks) {
        SignalPath path = ResidualPredictionTest.paperNet(phi, alpha, blocks);
        List<double[]> variances = new ArrayList<>();
        variances.add(new double[] {1, 0});
        for (int l = 0; l < blocks; l++) {
            variances.add(new double[] {v.weightVariance(), v.biasVariance()});
        }
        variances.add(new double[] {1, 0});
        double[] c0 = {0.5, 0.5};
        TheoryPredictor.Prediction p = TheoryPredictor.quadrature().predict(1, c0, path, variances);
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 1; l <= path.denseLayers(); l++) {
            double[] w = variances.get(l - 1);
            layers.add(new LayerStatistics(l, phi.spec(), p.q()[l], p.c()[l], 0.01, w[0], w[1]));
        }
        return PropagationSnapshot.of(3, 1, c0, layers, path, TheoryPredictor.quadrature());
    }
}
