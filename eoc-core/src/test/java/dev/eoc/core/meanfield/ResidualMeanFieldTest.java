package dev.eoc.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Residual maps against the ReLU closed form, the asymptotic law of Prop. 1 (Hayou, Doucet &amp;
 * Rousseau 2019) with gamma computed, and Monte-Carlo residual networks of width 1000.
 */
class ResidualMeanFieldTest {

    /** Closed-form comparisons: both sides are a few arithmetic operations per layer. */
    private static final double CLOSED_FORM = 1e-12;

    @Test
    void reluAtZeroBiasFollowsTheArcCosineRecursionAndGrowsGeometrically() {
        double alpha = 0.7;
        double sigmaW = Math.sqrt(2);
        ResidualMeanField f =
                ResidualMeanField.of(Activations.relu(), InitVariances.ofStd(sigmaW, 0), alpha);
        Trajectory t = f.propagate(1.3, 0.2, 30);
        double lambda = alpha * alpha * sigmaW * sigmaW / 2;
        double c = 0.2;
        double q = 1.3;
        for (int l = 1; l <= 30; l++) {
            double g = (Math.sqrt(1 - c * c) + (Math.PI - Math.acos(c)) * c) / Math.PI;
            c = (c + lambda * g) / (1 + lambda);
            q *= 1 + lambda;
            assertEquals(c, t.c()[l], CLOSED_FORM, "c at block " + l);
            assertEquals(1, t.q()[l] / q, CLOSED_FORM, "q at block " + l);
        }
    }

    /**
     * Prop. 1: l^2 (1 - c_l) / (9 pi^2 / 2) tends to gamma = (1 + 2 / (alpha^2 sigma_w^2))^2 (4 at
     * alpha = 1, sigma_w = sqrt 2). The o(1) correction shrinks with l: 5% at l = 1000 and smaller
     * than at l = 250.
     */
    @Test
    void reluConvergesAtGammaTimesThePlainEdgeOfChaosRate() {
        double sigmaW = Math.sqrt(2);
        double gamma = ResidualMeanField.reluGamma(sigmaW, 1);
        assertEquals(4, gamma, 1e-12);
        ResidualMeanField f =
                ResidualMeanField.of(Activations.relu(), InitVariances.ofStd(sigmaW, 0), 1);
        // q doubles every block: start tiny so that 1000 blocks stay below the divergence bound
        Trajectory t = f.propagate(1e-290, 0.0, 1000);
        double plainRate = 9 * Math.PI * Math.PI / 2;
        double at250 = 250.0 * 250 * (1 - t.c()[250]) / plainRate;
        double at1000 = 1000.0 * 1000 * (1 - t.c()[1000]) / plainRate;
        assertEquals(gamma, at1000, 0.05 * gamma, "l = 1000");
        assertTrue(Math.abs(at1000 - gamma) < Math.abs(at250 - gamma), at250 + " vs " + at1000);
    }

    /**
     * Width-1000 residual networks, 4 seeds: the mean of the measured c_l within 0.03 of theory
     * (the per-seed scatter of c is about 1/sqrt(1000) = 0.03, so the 4-seed mean's standard error
     * is about 0.016) and q_l within 10% (its per-block scatter is about sqrt(2/1000)).
     */
    @Test
    void theMapsPredictRandomResidualNetworksOfWidthOneThousand() {
        check(Activations.tanh(), 1.3, 0.2, 1.0, 20);
        check(Activations.relu(), Math.sqrt(2), 0.0, 0.5, 20);
    }

    private static void check(
            ActivationFunction phi, double sigmaW, double sigmaB, double alpha, int depth) {
        int n = 1000;
        int seeds = 8;
        double q0 = 1.0;
        double c0 = 0.3;
        Trajectory theory =
                ResidualMeanField.of(phi, InitVariances.ofStd(sigmaW, sigmaB), alpha)
                        .propagate(q0, c0, depth);
        double[][] qs = new double[seeds][depth + 1];
        double[][] cs = new double[seeds][depth + 1];
        for (int s = 1; s <= seeds; s++) {
            SplittableRandom rng = new SplittableRandom(1000 + s);
            double[][] pair = MonteCarlo.pair(n, q0, c0, rng);
            double[] x = pair[0];
            double[] y = pair[1];
            for (int l = 1; l <= depth; l++) {
                double[] nx = x.clone();
                double[] ny = y.clone();
                double[] px = new double[n];
                double[] py = new double[n];
                for (int j = 0; j < n; j++) {
                    px[j] = phi.value(x[j]);
                    py[j] = phi.value(y[j]);
                }
                for (int i = 0; i < n; i++) {
                    double bias = sigmaB * rng.nextGaussian();
                    double sx = 0;
                    double sy = 0;
                    for (int j = 0; j < n; j++) {
                        double w = sigmaW / Math.sqrt(n) * rng.nextGaussian();
                        sx += w * px[j];
                        sy += w * py[j];
                    }
                    nx[i] += alpha * (sx + bias);
                    ny[i] += alpha * (sy + bias);
                }
                x = nx;
                y = ny;
                double xx = 0;
                double yy = 0;
                double xy = 0;
                for (int i = 0; i < n; i++) {
                    xx += x[i] * x[i];
                    yy += y[i] * y[i];
                    xy += x[i] * y[i];
                }
                qs[s - 1][l] = (xx + yy) / (2 * n) / theory.q()[l];
                cs[s - 1][l] = xy / Math.sqrt(xx * yy);
            }
        }
        for (int l = 1; l <= depth; l++) {
            String at = phi.spec() + " block " + l;
            MonteCarlo.assertNear(theory.c()[l], column(cs, l), 1.0 / n, at + " c_l");
            MonteCarlo.assertNear(1, column(qs, l), 1.0 / n, at + " q_l / theory");
        }
    }

    private static double[] column(double[][] bySeed, int l) {
        double[] v = new double[bySeed.length];
        for (int s = 0; s < v.length; s++) {
            v[s] = bySeed[s][l];
        }
        return v;
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ResidualMeanField.of(
                                        Activations.tanh(), InitVariances.ofStd(1, 0), 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
