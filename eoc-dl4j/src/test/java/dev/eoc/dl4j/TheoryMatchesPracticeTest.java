package dev.eoc.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.PropagationDiagnosis;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.diagnostics.TheoryPredictor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Width-1000, depth-30 networks initialized on the Edge of Chaos propagate correlations as the
 * mean-field c-map predicts (Schoenholz et al. 2017, Fig. 2), and an ordered network is reported as
 * ordered.
 */
class TheoryMatchesPracticeTest {

    private static final int WIDTH = 1000;
    private static final int DEPTH = 30;
    private static final int SEEDS = 8;
    private static final int PAIRS = 8;
    private static final double C0 = 0.5;

    /**
     * The bound. Measured: one network's c_l scatters around the theory with standard
     * deviation about 0.03 at l = 30 (ELU; it grows with depth because on the Edge of Chaos c_l has
     * almost no restoring force), and pairs in the same network share that error. The mean over 8
     * seeds has standard deviation about 0.01, so 0.03 is a 3-sigma bound; the 1/N bias of
     * finite-width correlations (~0.001) is negligible.
     */
    private static final double C_TOLERANCE = 0.03;

    /**
     * The theory from the actual weights against the nominal theory: fan_in Var(W) of a 10^6-entry
     * matrix has relative standard error sqrt(2 / 10^6) = 0.14%, which moves c_L by well under
     * 0.005.
     */
    private static final double ACTUAL_VS_NOMINAL = 0.005;

    @ParameterizedTest(name = "{0} at sigma_b = {1}")
    @CsvSource({"tanh, 0.2", "elu, 0.1"})
    void correlationsFollowTheCMap(String activation, double sigmaB) {
        IActivation dl4j = activation.equals("tanh") ? new ActivationTanH() : new ActivationELU();
        ActivationFunction phi = Dl4jActivations.toCore(dl4j);
        EocPoint point = EdgeOfChaos.solve(phi, sigmaB);
        double q0 = point.qStar();

        // nominal prediction: every layer at the EOC point, activations phi (the output layer's
        // identity activation is never applied by the theory)
        List<double[]> nominal =
                Collections.nCopies(
                        DEPTH + 1, new double[] {point.weightVariance(), point.biasVariance()});
        double[] cTheory =
                TheoryPredictor.predict(q0, C0, Collections.nCopies(DEPTH + 1, phi), nominal).c();

        double[] cMean = new double[DEPTH + 2];
        double cTheoryActualMean = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            // DL4J's own init is irrelevant (every parameter is overwritten): a constant is fastest
            MultiLayerNetwork net =
                    Nets.mlp(
                            WIDTH,
                            WIDTH,
                            Collections.nCopies(DEPTH, dl4j),
                            10,
                            new WeightInitConstant(0.0),
                            seed,
                            0.1);
            EocInit.apply(net, EocInitOptions.withSeed(seed).atSigmaB(sigmaB));
            PropagationSnapshot s =
                    PropagationProbe.measure(
                            net, ProbeSet.correlatedPairs(WIDTH, PAIRS, q0, C0, 100 + seed));
            double[] c = s.cEmpirical();
            for (int l = 0; l < c.length; l++) {
                cMean[l] += c[l] / SEEDS;
            }
            cTheoryActualMean += s.cTheory()[DEPTH] / SEEDS;
            assertEquals(
                    PropagationDiagnosis.Verdict.HEALTHY,
                    PropagationReport.of(s).diagnosis().verdict());
        }
        List<String> rows = new ArrayList<>();
        double worst = 0;
        // hidden layers only: the width-10 output layer's c is a 10-term estimate (noise ~0.3)
        for (int l = 1; l <= DEPTH; l++) {
            worst = Math.max(worst, Math.abs(cMean[l] - cTheory[l]));
            rows.add(String.format("%d: %.4f vs %.4f", l, cMean[l], cTheory[l]));
        }
        assertTrue(worst <= C_TOLERANCE, "max |c_l - c_l theory| = " + worst + ": " + rows);
        assertEquals(cTheory[DEPTH], cTheoryActualMean, ACTUAL_VS_NOMINAL);
        // and the correlation really moved: the test would be vacuous if c stayed at c0
        assertTrue(cTheory[DEPTH] - C0 > 0.2, "c_L theory " + cTheory[DEPTH]);
    }

    @Test
    void orderedNetworkIsReportedAsOrdered() {
        MultiLayerNetwork net =
                Nets.mlp(
                        WIDTH,
                        WIDTH,
                        Collections.nCopies(DEPTH, new ActivationTanH()),
                        10,
                        new WeightInitConstant(0.0),
                        1,
                        0.1);
        EocInit.apply(net, EocInitOptions.withSeed(1).at(1, 1));
        PropagationListener listener =
                PropagationListener.of(ProbeSet.correlatedPairs(WIDTH, PAIRS, 1, C0, 5));
        PropagationReport report = listener.report(net, 0);
        assertEquals(
                PropagationDiagnosis.Verdict.ORDERED, report.diagnosis().verdict(), report.line());
        assertTrue(report.diagnosis().message().contains("ordered"), report.diagnosis().message());
        assertEquals(List.of(report), listener.history());
    }
}
