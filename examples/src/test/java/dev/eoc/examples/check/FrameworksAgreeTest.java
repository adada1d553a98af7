package dev.eoc.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * DJL and DL4J give the same theory numbers for the same configuration: both probes build a
 * width-1000 tanh MLP at the EOC point for sigma_b = 0.2, draw its weights, and predict q_l and c_l
 * from their actual weights; the two predictions, and the prediction from the nominal variances,
 * must agree.
 */
class FrameworksAgreeTest {

    private static final int WIDTH = 1000;
    private static final int DEPTH = 5;

    /**
     * Each layer's empirical sigma_w^2 = fan_in Var(W) has relative standard error sqrt(2 / n) =
     * 0.14% for n = 10^6 weights; q_l depends on it about linearly, so two independent draws differ
     * by ~0.2% per layer; 2% allows 5 layers at more than 4 standard errors.
     */
    private static final double Q_RELATIVE = 0.02;

    /** c_l moves far less than q_l with sigma_w^2 on the EOC: 0.005 absolute. */
    private static final double C_ABSOLUTE = 0.005;

    @Test
    void djlAndDl4jPredictTheSameTrajectory() {
        EocPoint p = EdgeOfChaos.solve(Activations.tanh(), 0.2);
        InitVariances v = new InitVariances(p.weightVariance(), p.biasVariance());
        // |x|^2 / d such that the linear first layer lands on q*
        double q0 = (p.qStar() - p.biasVariance()) / p.weightVariance();
        float[][] inputs = ProbeInputs.pair(WIDTH, q0, 0.5, 7);
        PropagationSnapshot djl =
                FrameworkProbe.forName("djl").propagate("tanh", WIDTH, DEPTH, v, 1, inputs);
        PropagationSnapshot dl4j =
                FrameworkProbe.forName("dl4j").propagate("tanh", WIDTH, DEPTH, v, 1, inputs);
        double[] qDjl = djl.qTheory();
        double[] qDl4j = dl4j.qTheory();
        double[] cDjl = djl.cTheory();
        double[] cDl4j = dl4j.cTheory();
        assertEquals(qDjl.length, qDl4j.length);
        // nominal: layer 1 from the input statistics, then the maps at the nominal variances
        MeanField field = MeanField.of(Activations.tanh(), v);
        double q1 = p.biasVariance() + p.weightVariance() * q0;
        double c1 = (p.biasVariance() + p.weightVariance() * q0 * 0.5) / q1;
        Trajectory nominal = field.propagate(q1, c1, qDjl.length - 2);
        for (int l = 1; l < qDjl.length; l++) {
            String where = "layer " + l;
            assertEquals(qDjl[l], qDl4j[l], Q_RELATIVE * qDjl[l], where + " q: djl vs dl4j");
            assertEquals(cDjl[l], cDl4j[l], C_ABSOLUTE, where + " c: djl vs dl4j");
            assertEquals(
                    nominal.q()[l - 1], qDjl[l], Q_RELATIVE * qDjl[l], where + " q vs nominal");
            assertEquals(nominal.c()[l - 1], cDjl[l], C_ABSOLUTE, where + " c vs nominal");
        }
    }
}
