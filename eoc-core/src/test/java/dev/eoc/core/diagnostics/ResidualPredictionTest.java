package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.MonteCarlo;
import dev.eoc.core.meanfield.ResidualMeanField;
import dev.eoc.core.meanfield.SignalPath;
import dev.eoc.core.meanfield.Trajectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The theory of {@link TheoryPredictor} along residual {@link SignalPath}s. */
class ResidualPredictionTest {

    /** Both sides evaluate the same maps, in another order: only rounding differs. */
    private static final double SAME_MAPS = 1e-12;

    /** Closed-form arithmetic against the predictor's quadrature-free ReLU kernel. */
    private static final double CLOSED_FORM = 1e-12;

    /**
     * The paper's residual network (an embedding layer with sigma_w^2 = 1, sigma_b = 0, which
     * passes q_0 and c_0 on exactly, then L blocks y + alpha (W phi(y) + b)) against {@link
     * ResidualMeanField}, an independent implementation of the same recursion: each block's dense
     * output has q = F(q_y) and c = (sigma_b^2 + sigma_w^2 C(q_y, c_y)) / F(q_y) of the stream
     * before it, and a final dense layer with sigma_w^2 = 1 reads the stream itself.
     */
    @Test
    void theBranchOutputsFollowTheResidualMapsOfTheStream() {
        for (ActivationFunction phi : List.of(Activations.tanh(), Activations.parse("elu"))) {
            InitVariances v = InitVariances.ofStd(1.3, 0.2);
            double alpha = 0.7;
            int blocks = 15;
            TheoryPredictor.Prediction p =
                    TheoryPredictor.quadrature()
                            .predict(
                                    0.8,
                                    new double[] {0.4},
                                    paperNet(phi, alpha, blocks),
                                    vars(v, blocks));
            assertTrue(p.residual());
            MeanField plain = MeanField.of(phi, v);
            Trajectory stream = ResidualMeanField.of(phi, v, alpha).propagate(0.8, 0.4, blocks);
            for (int l = 1; l <= blocks; l++) {
                double q = plain.varianceMap(stream.q()[l - 1]);
                double c = plain.covariance(stream.q()[l - 1], stream.c()[l - 1]) / q;
                assertEquals(q, p.q()[l + 1], SAME_MAPS * q, phi.spec() + " q at block " + l);
                assertEquals(c, p.c()[l + 1], SAME_MAPS, phi.spec() + " c at block " + l);
                assertEquals(plain.chi1(stream.q()[l - 1]), p.chi1()[l], SAME_MAPS * 10);
            }
            int out = blocks + 2;
            assertEquals(stream.q()[blocks], p.q()[out], SAME_MAPS * stream.q()[blocks]);
            assertEquals(stream.c()[blocks], p.c()[out], SAME_MAPS);
        }
    }

    /**
     * ReLU at sigma_b = 0: the stream grows by 1 + lambda per block, lambda = alpha^2 sigma_w^2 /
     * 2, and c_y follows (c + lambda g(c)) / (1 + lambda) with the arc-cosine kernel g (Cho &amp;
     * Saul 2009); each branch output has q = sigma_w^2 q_y / 2 and c = g(c_y).
     */
    @Test
    void reluBlocksFollowTheClosedForm() {
        double sigmaW = Math.sqrt(2);
        double alpha = 0.5;
        int blocks = 30;
        InitVariances v = InitVariances.ofStd(sigmaW, 0);
        TheoryPredictor.Prediction p =
                TheoryPredictor.quadrature()
                        .predict(
                                1.5,
                                new double[] {0.2, -0.3},
                                paperNet(Activations.relu(), alpha, blocks),
                                vars(v, blocks));
        double lambda = alpha * alpha * sigmaW * sigmaW / 2;
        double[] cy = {0.2, -0.3};
        double qy = 1.5;
        for (int l = 1; l <= blocks; l++) {
            double mean = 0;
            for (int k = 0; k < 2; k++) {
                double g = arcCosine(cy[k]);
                assertEquals(g, p.pairC(k)[l + 1], CLOSED_FORM, "pair " + k + " block " + l);
                mean += g / 2;
                cy[k] = (cy[k] + lambda * g) / (1 + lambda);
            }
            assertEquals(sigmaW * sigmaW / 2 * qy, p.q()[l + 1], CLOSED_FORM * qy);
            assertEquals(mean, p.c()[l + 1], CLOSED_FORM);
            qy *= 1 + lambda;
        }
        assertEquals(1.5 * Math.pow(1 + lambda, blocks), p.q()[blocks + 2], CLOSED_FORM * qy);
    }

    /**
     * Full pre-activation blocks y + alpha (W2 phi(W1 phi(y) + b1) + b2) (He et al. 2016's identity
     * mappings; Yang &amp; Schoenholz 2017's full residual network), which {@link
     * ResidualMeanField} does not cover, against Monte Carlo: width 1000, 6 seeds, the seeds' mean
     * c and q / theory within 4 standard errors plus 1/width at every dense layer.
     */
    @Test
    void fullPreActivationBlocksMatchMonteCarloNetworks() {
        ActivationFunction phi = Activations.tanh();
        InitVariances v = InitVariances.ofStd(1.3, 0.2);
        double alpha = 0.6;
        int blocks = 6;
        int n = 1000;
        int seeds = 6;
        SignalPath.Builder b = SignalPath.builder().dense();
        SignalPath branch =
                SignalPath.builder().activation(phi).dense().activation(phi).dense().build();
        for (int l = 0; l < blocks; l++) {
            b.residual(alpha, branch);
        }
        SignalPath path = b.build();
        int dense = path.denseLayers();
        assertEquals(1 + 2 * blocks, dense);
        TheoryPredictor.Prediction p =
                TheoryPredictor.quadrature()
                        .predict(1.0, new double[] {0.3}, path, vars(v, dense - 1, false));
        double[][] qs = new double[seeds][dense + 1];
        double[][] cs = new double[seeds][dense + 1];
        for (int s = 0; s < seeds; s++) {
            SplittableRandom rng = new SplittableRandom(77 + s);
            double[][] xy = MonteCarlo.pair(n, 1.0, 0.3, rng);
            double[][] h = MonteCarlo.dense(xy, 1.0, 0.0, rng); // embedding: sigma_w^2 = 1
            record(h, qs[s], cs[s], 1);
            double[][] y = h;
            int layer = 1;
            for (int blk = 0; blk < blocks; blk++) {
                double[][] h1 = MonteCarlo.dense(MonteCarlo.apply(phi, y), v, rng);
                record(h1, qs[s], cs[s], ++layer);
                double[][] h2 = MonteCarlo.dense(MonteCarlo.apply(phi, h1), v, rng);
                record(h2, qs[s], cs[s], ++layer);
                y = MonteCarlo.add(y, h2, alpha);
            }
        }
        for (int l = 1; l <= dense; l++) {
            MonteCarlo.assertNear(p.c()[l], column(cs, l), 1.0 / n, "c at dense layer " + l);
            double[] ratio = column(qs, l);
            for (int s = 0; s < ratio.length; s++) {
                ratio[s] /= p.q()[l];
            }
            MonteCarlo.assertNear(1, ratio, 1.0 / n, "q / theory at dense layer " + l);
        }
    }

    @Test
    void aChainPathPredictsWhatThePlainPredictorDoes() {
        ActivationFunction tanh = Activations.tanh();
        List<ActivationFunction> acts = Collections.nCopies(9, tanh);
        List<double[]> v = Collections.nCopies(9, new double[] {1.7, 0.04});
        TheoryPredictor.Prediction chain =
                TheoryPredictor.quadrature().predict(0.6, new double[] {0.5, 0.1}, acts, v);
        TheoryPredictor.Prediction path =
                TheoryPredictor.quadrature()
                        .predict(0.6, new double[] {0.5, 0.1}, SignalPath.chain(acts), v);
        assertFalse(path.residual());
        for (int l = 0; l <= 9; l++) {
            assertEquals(chain.q()[l], path.q()[l], 0, "q " + l);
            assertEquals(chain.c()[l], path.c()[l], 0, "c " + l);
        }
    }

    @Test
    void aBranchEndingWithAnActivationIsRefusedWithTheReason() {
        SignalPath postActivation =
                SignalPath.builder().dense().activation(Activations.relu()).build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SignalPath.builder().dense().residual(1, postActivation));
        assertTrue(e.getMessage().contains("must end with a dense layer"), e.getMessage());
        assertTrue(e.getMessage().contains("non-zero mean"), "says why: " + e.getMessage());
        IllegalArgumentException scale =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SignalPath.builder()
                                        .residual(0, SignalPath.builder().dense().build()));
        assertTrue(scale.getMessage().contains("got 0.0"), scale.getMessage());
    }

    @Test
    void theTheoryStopsAtAnActivationOfTheRawInput() {
        SignalPath path =
                SignalPath.builder()
                        .activation(Activations.tanh())
                        .dense()
                        .activation(Activations.tanh())
                        .dense()
                        .build();
        TheoryPredictor.Prediction p =
                TheoryPredictor.quadrature()
                        .predict(
                                1,
                                new double[] {0.5},
                                path,
                                List.of(new double[] {1, 0}, new double[] {1, 0}));
        assertTrue(Double.isNaN(p.q()[1]) && Double.isNaN(p.c()[2]), "no Gaussian to follow");
    }

    /**
     * tanh(h) + a branch is not Gaussian, and the activation after it has no mean-field map: the
     * path is followable up to the dense layers before that activation, and the prediction stops
     * there; the paper's pre-activation network is followable whole.
     */
    @Test
    void anActivatedStreamIsFollowableOnlyUpToItsNextActivation() {
        SignalPath activated =
                SignalPath.builder()
                        .dense()
                        .activation(Activations.tanh())
                        .residual(1, SignalPath.builder().dense().build())
                        .activation(Activations.tanh())
                        .dense()
                        .build();
        assertEquals(3, activated.denseLayers());
        assertEquals(2, activated.followableDenseLayers());
        TheoryPredictor.Prediction p =
                TheoryPredictor.quadrature()
                        .predict(
                                1,
                                new double[] {0.5},
                                activated,
                                Collections.nCopies(3, new double[] {1.7, 0.04}));
        assertTrue(Double.isFinite(p.q()[2]) && Double.isNaN(p.q()[3]), "stops at layer 3");
        SignalPath paper = paperNet(Activations.tanh(), 1, 5);
        assertEquals(paper.denseLayers(), paper.followableDenseLayers());
    }

    /** Embedding (sigma_w^2 = 1, sigma_b = 0), blocks y + alpha (W phi(y) + b), output (1, 0). */
    static SignalPath paperNet(ActivationFunction phi, double alpha, int blocks) {
        SignalPath.Builder b = SignalPath.builder().dense();
        SignalPath branch = SignalPath.builder().activation(phi).dense().build();
        for (int l = 0; l < blocks; l++) {
            b.residual(alpha, branch);
        }
        return b.dense().build();
    }

    private static List<double[]> vars(InitVariances v, int blocks) {
        return vars(v, blocks, true);
    }

    /** (1, 0) for the embedding, v for each of {@code middle} layers, (1, 0) for an output. */
    private static List<double[]> vars(InitVariances v, int middle, boolean output) {
        List<double[]> out = new ArrayList<>();
        out.add(new double[] {1, 0});
        for (int l = 0; l < middle; l++) {
            out.add(new double[] {v.weightVariance(), v.biasVariance()});
        }
        if (output) {
            out.add(new double[] {1, 0});
        }
        return out;
    }

    private static void record(double[][] h, double[] q, double[] c, int layer) {
        q[layer] = MonteCarlo.secondMoment(h);
        c[layer] = MonteCarlo.correlation(h);
    }

    private static double[] column(double[][] bySeed, int l) {
        double[] v = new double[bySeed.length];
        for (int s = 0; s < v.length; s++) {
            v[s] = bySeed[s][l];
        }
        return v;
    }

    /** (sqrt(1 - c^2) + (pi - arccos c) c) / pi: ReLU's normalized arc-cosine kernel. */
    private static double arcCosine(double c) {
        return (Math.sqrt(1 - c * c) + (Math.PI - Math.acos(c)) * c) / Math.PI;
    }
}
