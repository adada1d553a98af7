package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Diagnosis;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Each rule on ideal (infinite-width) snapshots that have its fault, and on healthy ones that must
 * raise nothing. The adapters' fault-injection matrices test the same rules on real networks.
 */
class DiagnosisRulesTest {

    private static final int WIDTH = 300;
    private static final double LN10 = Math.log(10);

    private static PropagationSnapshot tanhEoc(int depth) {
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).solve(0.2);
        double q0 = (p.qStar() - p.biasVariance()) / p.weightVariance();
        return Snapshots.probed(Activations.tanh(), p.sigmaW(), 0.2, q0, 0.5, depth, WIDTH);
    }

    private static PropagationSnapshot relu(double sigmaW, int depth) {
        return Snapshots.probed(Activations.relu(), sigmaW, 0, 1, 0.5, depth, WIDTH);
    }

    private static TrainingProgress losses(double... l) {
        return new TrainingProgress(false, 10, l);
    }

    @Test
    void healthyControlsRaiseNothingAtInitializationOrInTraining() {
        for (PropagationSnapshot s :
                new PropagationSnapshot[] {tanhEoc(30), tanhEoc(200), relu(Math.sqrt(2), 200)}) {
            for (TrainingProgress p :
                    new TrainingProgress[] {
                        TrainingProgress.INITIALIZATION, losses(2.3, 2.1, 1.9, 1.8, 1.7, 1.6)
                    }) {
                Diagnosis d = PropagationDiagnosis.of(s, p);
                assertEquals(Verdict.HEALTHY, d.verdict(), d.message());
                assertTrue(d.findings().isEmpty(), d.findings().toString());
            }
        }
    }

    @Test
    void reluWithSigmaWOneIsAVanishingSignalNotAnOrderedPhase() {
        Diagnosis d = PropagationDiagnosis.of(relu(1, 50), TrainingProgress.INITIALIZATION);
        assertEquals(Verdict.VANISHING_SIGNAL, d.verdict(), d.message());
        assertFalse(d.has(Verdict.ORDERED), d.symptoms().toString());
        // q halves per layer: below 1e-4 of q_1 first at layer 15 (0.5^14 = 6.1e-5)
        assertEquals(15, d.findings().get(0).layer());
        assertTrue(d.message().contains("a factor 0.5 per layer"), d.message());
        assertTrue(d.message().contains("sigma_w^2 = 2 / (1 + alpha^2)"), d.message());
    }

    @Test
    void reluWithSigmaWTwoExplodesAndIsNotCalledSaturated() {
        Diagnosis d = PropagationDiagnosis.of(relu(2, 30), TrainingProgress.INITIALIZATION);
        assertEquals(Verdict.EXPLODING_SIGNAL, d.verdict(), d.message());
        assertFalse(d.has(Verdict.CHAOTIC) || d.has(Verdict.SATURATED), d.symptoms().toString());
        assertTrue(d.message().contains("decrease sigma_w"), d.message());
    }

    @Test
    void reluAtDepthTenWithSigmaWOneIsNotAlarmed() {
        // q_10 / q_1 = 0.5^9 = 2e-3: shallow enough to train
        assertEquals(Verdict.HEALTHY, PropagationDiagnosis.of(relu(1, 10)).verdict());
    }

    @Test
    void collapseIsNamedWhateverChiSays() {
        PropagationSnapshot healthy = tanhEoc(150);
        int depth = healthy.depth();
        PropagationSnapshot collapsed =
                Snapshots.map(
                        healthy,
                        l ->
                                l.layer() > depth - 5
                                        ? Snapshots.with(
                                                l,
                                                l.qEmpirical(),
                                                1 - 1e-7,
                                                l.gradientNorm(),
                                                l.activity())
                                        : l);
        Diagnosis d = PropagationDiagnosis.of(collapsed, TrainingProgress.UNKNOWN);
        assertTrue(d.has(Verdict.COLLAPSED), d.symptoms() + " " + d.message());
        assertEquals(1.0, d.meanChi1(), 0.01); // on the EOC, and still collapsed
    }

    @Test
    void orderedTanhIsOrderedAndNotCollapsedSinceTheTheoryPredictsIt() {
        PropagationSnapshot s = Snapshots.probed(Activations.tanh(), 1, 1, 1, 0.5, 30, WIDTH);
        Diagnosis d = PropagationDiagnosis.of(s, TrainingProgress.INITIALIZATION);
        assertEquals(Verdict.ORDERED, d.verdict(), d.message());
        assertFalse(d.has(Verdict.COLLAPSED));
    }

    @Test
    void nearlyCriticalTanhIsOrderedOnlyPastItsTrainableDepth() {
        // tanh (0.3, 1.34): chi_1 = 0.966 at q*, xi_c = 28.6, trainable to ~172 layers (./eoc
        // analyze); from q_0 = 0.5 the mean chi_1 over the layers is 0.965, ~168 layers
        Diagnosis deep =
                PropagationDiagnosis.of(
                        Snapshots.probed(Activations.tanh(), 1.34, 0.3, 0.5, 0.5, 400, WIDTH),
                        TrainingProgress.INITIALIZATION);
        assertEquals(Verdict.ORDERED, deep.verdict(), deep.message());
        assertTrue(deep.message().contains("trainable to ~16"), deep.message());
        Diagnosis shallow =
                PropagationDiagnosis.of(
                        Snapshots.probed(Activations.tanh(), 1.34, 0.3, 0.5, 0.5, 100, WIDTH),
                        TrainingProgress.INITIALIZATION);
        assertEquals(Verdict.HEALTHY, shallow.verdict(), shallow.message());
    }

    @Test
    void deadReluUnitsAreNamedWithTheLayer() {
        PropagationSnapshot s =
                Snapshots.map(
                        relu(Math.sqrt(2), 20),
                        l ->
                                l.layer() == 7
                                        ? Snapshots.with(
                                                l,
                                                l.qEmpirical(),
                                                l.cEmpirical(),
                                                l.gradientNorm(),
                                                new UnitActivity(
                                                        FlatRegion.Kind.RECTIFYING, 0.93, 0.9))
                                        : l);
        Diagnosis d = PropagationDiagnosis.of(s, TrainingProgress.INITIALIZATION);
        assertEquals(Verdict.DEAD_UNITS, d.verdict(), d.message());
        assertEquals(7, d.findings().get(0).layer());
        assertTrue(d.message().contains("--sigma-b 0"), d.message());
    }

    @Test
    void saturatedTanhUnitsAreNamed() {
        PropagationSnapshot s =
                Snapshots.map(
                        tanhEoc(20),
                        l ->
                                Snapshots.with(
                                        l,
                                        l.qEmpirical(),
                                        l.cEmpirical(),
                                        l.gradientNorm(),
                                        new UnitActivity(FlatRegion.Kind.SATURATING, 0.6, 0.3)));
        Diagnosis d = PropagationDiagnosis.of(s, TrainingProgress.INITIALIZATION);
        assertTrue(d.has(Verdict.SATURATED), d.symptoms().toString());
        // a rectifier's healthy half-flat layers are no saturation
        assertFalse(PropagationDiagnosis.of(relu(Math.sqrt(2), 20)).has(Verdict.SATURATED));
    }

    /** The snapshot with layer l's gradient norm set to {@code norm.applyAsDouble(l)}. */
    private static PropagationSnapshot withGradients(
            PropagationSnapshot s, java.util.function.IntToDoubleFunction norm) {
        return Snapshots.map(
                s,
                l ->
                        Snapshots.with(
                                l,
                                l.qEmpirical(),
                                l.cEmpirical(),
                                norm.applyAsDouble(l.layer()),
                                l.activity()));
    }

    @Test
    void gradientRatiosFollowAutotrainersThresholds() {
        PropagationSnapshot base = relu(Math.sqrt(2), 20);
        Diagnosis v =
                PropagationDiagnosis.of(
                        withGradients(base, l -> 1e-2 * Math.pow(10, -0.3 * (20 - l))));
        assertEquals(Verdict.VANISHING_GRADIENTS, v.verdict(), v.message());
        // ratio 1.3^19 = 146 > 70; 1.2^19 = 32 is not
        Diagnosis e =
                PropagationDiagnosis.of(withGradients(base, l -> 1e-2 * Math.pow(1.3, 20 - l)));
        assertEquals(Verdict.EXPLODING_GRADIENTS, e.verdict(), e.message());
        assertEquals(
                Verdict.HEALTHY,
                PropagationDiagnosis.of(withGradients(base, l -> 1e-2 * Math.pow(1.2, 20 - l)))
                        .verdict());
        // not measured: NaN is not a failure
        assertEquals(
                Verdict.HEALTHY,
                PropagationDiagnosis.of(withGradients(base, l -> Double.NaN)).verdict());
    }

    @Test
    void lossRules() {
        PropagationSnapshot s = tanhEoc(30);
        Diagnosis stalled =
                PropagationDiagnosis.of(s, losses(2.3031, 2.3027, 2.3025, 2.3026, 2.3026));
        assertEquals(Verdict.LOSS_STALLED, stalled.verdict(), stalled.message());
        // four intervals are not yet a stall; a loss that moves is none
        assertEquals(
                Verdict.HEALTHY,
                PropagationDiagnosis.of(s, losses(2.3031, 2.3027, 2.3025, 2.3026)).verdict());
        assertEquals(
                Verdict.HEALTHY,
                PropagationDiagnosis.of(s, losses(2.31, 2.29, 2.27, 2.25, 2.23)).verdict());
        Diagnosis rising = PropagationDiagnosis.of(s, losses(2.3, 1.9, 1.8, 3.1));
        assertEquals(Verdict.LOSS_DIVERGING, rising.verdict(), rising.message());
        assertEquals(Finding.Severity.CRITICAL, rising.findings().get(0).severity());
        Diagnosis nan = PropagationDiagnosis.of(s, losses(2.3, Double.NaN));
        assertEquals(Verdict.NON_FINITE, nan.verdict(), nan.message());
        // without classes the chance level is unknown: no stall claimed
        Diagnosis noClasses =
                PropagationDiagnosis.of(
                        s,
                        new TrainingProgress(
                                false, 0, new double[] {LN10, LN10, LN10, LN10, LN10}));
        assertEquals(Verdict.HEALTHY, noClasses.verdict());
    }

    @Test
    void driftIsAWarningAtInitializationAndANoticeInTraining() {
        PropagationSnapshot drifted =
                Snapshots.map(
                        tanhEoc(30),
                        l ->
                                l.layer() > 10
                                        ? Snapshots.with(
                                                l,
                                                l.qEmpirical(),
                                                l.cEmpirical() - 0.35,
                                                l.gradientNorm(),
                                                l.activity())
                                        : l);
        Diagnosis init = PropagationDiagnosis.of(drifted, TrainingProgress.INITIALIZATION);
        assertEquals(Verdict.THEORY_DRIFT, init.verdict(), init.message());
        assertTrue(init.message().contains("in 20 of 30 layers"), init.message());
        Diagnosis later = PropagationDiagnosis.of(drifted, TrainingProgress.UNKNOWN);
        assertEquals(Verdict.HEALTHY, later.verdict(), later.message());
        assertEquals(Finding.Severity.NOTICE, later.findings().get(0).severity());
        // 0.2 at width 300 is inside the band 4 / sqrt(300) = 0.231
        PropagationSnapshot small =
                Snapshots.map(
                        tanhEoc(30),
                        l ->
                                Snapshots.with(
                                        l,
                                        l.qEmpirical(),
                                        l.cEmpirical() - 0.2,
                                        l.gradientNorm(),
                                        l.activity()));
        assertEquals(
                Verdict.HEALTHY,
                PropagationDiagnosis.of(small, TrainingProgress.INITIALIZATION).verdict());
    }

    @Test
    void everySymptomIsListedMostSevereFirst() {
        PropagationSnapshot s = relu(1, 50);
        Diagnosis d = PropagationDiagnosis.of(s, losses(2.3, 1.9, 1.8, 3.1));
        assertEquals(Verdict.LOSS_DIVERGING, d.verdict());
        assertTrue(d.has(Verdict.VANISHING_SIGNAL), d.symptoms().toString());
        assertTrue(d.message().contains("(also: vanishing_signal"), d.message());
        assertTrue(
                ReportFormatter.format(s, d).contains("findings=loss_diverging,vanishing_signal"),
                ReportFormatter.format(s, d));
    }
}
