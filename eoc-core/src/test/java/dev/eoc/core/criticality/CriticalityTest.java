package dev.eoc.core.criticality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.Trajectory;
import dev.eoc.core.meanfield.VarianceFixedPoint;
import org.junit.jupiter.api.Test;

class CriticalityTest {

    @Test
    void orderedChaoticAndEdge() {
        ActivationFunction tanh = Activations.tanh();
        Analysis ordered = Criticality.analyze(tanh, InitVariances.ofStd(1, 1));
        assertEquals(Phase.ORDERED, ordered.phase());
        assertEquals(1.0, ordered.cStar(), 0);
        assertEquals(-1 / Math.log(ordered.chi1()), ordered.xiC(), 1e-12);
        assertEquals(6 * ordered.xiC(), ordered.trainableDepth(), 1e-12);

        Analysis chaotic = Criticality.analyze(tanh, InitVariances.ofStd(2.5, 0.3));
        assertEquals(Phase.CHAOTIC, chaotic.phase());
        MeanField f = MeanField.of(tanh, InitVariances.ofStd(2.5, 0.3));
        assertTrue(chaotic.cStar() < 1 && chaotic.cStar() > 0);
        assertEquals(chaotic.cStar(), f.correlationMap(chaotic.qStar(), chaotic.cStar()), 1e-12);
        assertTrue(chaotic.xiC() > 0 && Double.isFinite(chaotic.xiC()));

        EocPoint p = EdgeOfChaos.solve(tanh, 0.2);
        Analysis edge =
                Criticality.analyze(tanh, InitVariances.ofStd(p.sigmaW(), p.sigmaB()), p.qStar());
        assertEquals(Phase.EDGE_OF_CHAOS, edge.phase());
        assertEquals(Double.POSITIVE_INFINITY, edge.xiC());
        assertEquals(-1 / Math.log(p.chiQ()), edge.xiQ(), 1e-9);
    }

    @Test
    void oddActivationWithoutBiasDecorrelatesToZero() {
        Analysis a = Criticality.analyze(Activations.tanh(), InitVariances.ofStd(3, 0));
        assertEquals(Phase.CHAOTIC, a.phase());
        assertEquals(0.0, a.cStar(), 1e-12);
    }

    @Test
    void divergingVarianceIsReported() {
        Analysis a = Criticality.analyze(Activations.softplus(), InitVariances.ofStd(2, 0.1));
        assertEquals(VarianceFixedPoint.Outcome.DIVERGES, a.variance());
        assertEquals(null, a.phase());
        assertTrue(Double.isNaN(a.qStar()));
    }

    @Test
    void smoothConvergenceRateOnTheEdge() {
        // Hayou et al. 2019, Prop. 3: l (1 - c_l) -> beta_q for smooth activations on the EOC
        EocPoint p = EdgeOfChaos.solve(Activations.tanh(), 0.2);
        MeanField f = MeanField.of(Activations.tanh(), InitVariances.ofStd(p.sigmaW(), p.sigmaB()));
        Trajectory t = f.propagate(p.qStar(), 0.5, 2000);
        double ratio200 = 200 * (1 - t.c()[200]) / p.betaQ();
        double ratio2000 = 2000 * (1 - t.c()[2000]) / p.betaQ();
        assertTrue(Math.abs(ratio2000 - 1) < Math.abs(ratio200 - 1), "converging to beta_q / l");
        assertEquals(1, ratio2000, 0.01);
    }

    @Test
    void leakyReluConvergenceRateOnTheEdge() {
        // derived from the arc-cosine kernel, see ConvergenceRate; slope 0.2
        var leaky = Activations.leakyRelu(0.2);
        EocPoint p = EdgeOfChaos.solve(leaky, 0);
        MeanField f = MeanField.of(leaky, InitVariances.ofStd(p.sigmaW(), 0));
        Trajectory t = f.propagate(1, 0.5, 20000);
        double predicted = ConvergenceRate.correlationGap(leaky, p, 20000);
        assertEquals(1, (1 - t.c()[20000]) / predicted, 0.03);
        EocPoint relu = EdgeOfChaos.solve(Activations.relu(), 0);
        assertEquals(
                9 * Math.PI * Math.PI / (2.0 * 100 * 100),
                ConvergenceRate.correlationGap(Activations.relu(), relu, 100),
                1e-15);
        EocPoint tanh = EdgeOfChaos.solve(Activations.tanh(), 0.2);
        assertEquals(
                tanh.betaQ() / 50, ConvergenceRate.correlationGap(Activations.tanh(), tanh, 50), 0);
        assertTrue(
                Double.isNaN(
                        ConvergenceRate.correlationGap(
                                Activations.selu(),
                                EdgeOfChaos.solve(Activations.selu(), 0.2),
                                10)));
    }

    @Test
    void reluConvergenceRateOnTheEdge() {
        // Hayou et al. 2019: 1 - c_l ~ 9 pi^2 / (2 l^2) for ReLU on the EOC
        MeanField f = MeanField.of(Activations.relu(), InitVariances.ofStd(Math.sqrt(2), 0));
        Trajectory t = f.propagate(1, 0.5, 20000);
        double ratio = 1 - t.c()[20000];
        ratio /= 9 * Math.PI * Math.PI / (2.0 * 20000 * 20000);
        double ratio200 = (1 - t.c()[200]) / (9 * Math.PI * Math.PI / (2.0 * 200 * 200));
        assertTrue(Math.abs(ratio - 1) < Math.abs(ratio200 - 1));
        assertEquals(1, ratio, 0.02);
    }
}
