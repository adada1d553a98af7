package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.MonteCarlo;
import dev.eoc.core.meanfield.SignalPath;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The theory of convolutional paths ({@link TheoryPredictor#predict(SpatialSignal, SignalPath,
 * List)}) against random CNNs in plain Java: two pairs of 14 x 14 three-channel images with empty
 * margins (as MNIST's), three 3 x 3 convolutions of {@value #CHANNELS} channels (valid; stride 2
 * with padding 1; "same"), then two dense layers of {@value #UNITS} units.
 */
class ConvolutionPredictionTest {

    private static final int SIDE = 14;
    private static final int IN_CHANNELS = 3;
    private static final int CHANNELS = 192;
    private static final int UNITS = 400;
    private static final int SEEDS = 12;
    private static final double SIGMA_W2 = 1.7;
    private static final double SIGMA_B2 = 0.04;

    /**
     * The O(1/channels) finite-width bias allowed beside the seeds' standard errors ({@link
     * MonteCarlo#STANDARD_ERRORS} of them): 1/192 for q (relative) and c.
     */
    private static final double BIAS = 1.0 / CHANNELS;

    private static final SignalPath.Convolution VALID =
            SignalPath.Convolution.of(
                    new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0});
    private static final SignalPath.Convolution STRIDED =
            SignalPath.Convolution.of(
                    new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1});
    private static final SignalPath.Convolution SAME =
            new SignalPath.Convolution(
                    new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, true);

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "relu", "elu"})
    void perPositionTheoryMatchesRandomCnns(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        float[][] images = images(new SplittableRandom(11));
        SignalPath path = path(phi);
        List<double[]> variances = new ArrayList<>();
        for (int l = 0; l < 5; l++) {
            variances.add(new double[] {SIGMA_W2, SIGMA_B2});
        }
        SpatialSignal input = SpatialSignal.of(images, IN_CHANNELS, SIDE, SIDE);
        TheoryPredictor.Prediction theory =
                TheoryPredictor.quadrature().predict(input, path, variances);
        double[][] q = new double[6][SEEDS];
        double[][] c = new double[6][SEEDS];
        for (int seed = 0; seed < SEEDS; seed++) {
            double[][][] outputs = network(phi, images, new SplittableRandom(100 + seed));
            for (int l = 1; l <= 5; l++) {
                q[l][seed] = meanSquare(outputs[l - 1]);
                c[l][seed] = meanPairCorrelation(outputs[l - 1]);
            }
        }
        for (int l = 1; l <= 5; l++) {
            double[] ratio = new double[SEEDS];
            for (int seed = 0; seed < SEEDS; seed++) {
                ratio[seed] = q[l][seed] / theory.q()[l];
            }
            MonteCarlo.assertNear(1, ratio, BIAS, spec + " q / theory at layer " + l);
            MonteCarlo.assertNear(theory.c()[l], c[l], BIAS, spec + " c at layer " + l);
        }
        // the test has power: reading the inputs as flat vectors of equal second moment (a dense
        // network's theory) misses the layers after the first activation
        TheoryPredictor.Prediction flat =
                TheoryPredictor.quadrature()
                        .predict(
                                input.secondMoment(),
                                input.pairCorrelations(),
                                SignalPath.chain(List.of(phi, phi, phi, phi, phi)),
                                variances);
        double worst = 0;
        for (int l = 1; l <= 5; l++) {
            worst = Math.max(worst, Math.abs(flat.q()[l] - mean(q[l])) / theory.q()[l]);
        }
        assertTrue(worst > 0.1, spec + ": the flat theory is off by only " + worst);
    }

    @Test
    void theFirstConvolutionIsLinearInTheInputMoments() {
        float[][] images = images(new SplittableRandom(3));
        SpatialSignal input = SpatialSignal.of(images, IN_CHANNELS, SIDE, SIDE);
        SignalPath path = SignalPath.builder().convolution(VALID).dense().build();
        TheoryPredictor.Prediction p =
                TheoryPredictor.quadrature()
                        .predict(input, path, List.of(new double[] {2, 0.5}, new double[] {1, 0}));
        // hand sum: mean over inputs and output positions of 0.5 + (2 / (9 C)) sum of the window's
        // x^2
        double sum = 0;
        for (float[] img : images) {
            for (int i = 0; i < SIDE - 2; i++) {
                for (int j = 0; j < SIDE - 2; j++) {
                    double w = 0;
                    for (int ch = 0; ch < IN_CHANNELS; ch++) {
                        for (int a = 0; a < 3; a++) {
                            for (int b = 0; b < 3; b++) {
                                double x = img[ch * SIDE * SIDE + (i + a) * SIDE + j + b];
                                w += x * x;
                            }
                        }
                    }
                    sum += 0.5 + 2.0 / (9 * IN_CHANNELS) * w;
                }
            }
        }
        double expected = sum / (images.length * (SIDE - 2) * (SIDE - 2));
        assertEquals(expected, p.q()[1], 1e-9 * expected);
        // a linear read of the Gaussian map: q_2 = sigma_w^2 q_1 (no activation in between)
        assertEquals(p.q()[1], p.q()[2], 1e-12);
        assertTrue(Double.isNaN(p.chi1()[0]));
        assertEquals(1, p.chi1()[1], 1e-12);
    }

    @Test
    void scalarInputsAndMisplacedConvolutionsAreRefused() {
        SignalPath path = SignalPath.builder().convolution(VALID).dense().build();
        assertTrue(path.spatial());
        IllegalArgumentException scalar =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                TheoryPredictor.quadrature()
                                        .predict(
                                                1,
                                                new double[] {0.5},
                                                path,
                                                List.of(new double[] {1, 0}, new double[] {1, 0})));
        assertTrue(scalar.getMessage().contains("SpatialSignal"), scalar.getMessage());
        IllegalArgumentException late =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SignalPath.builder().dense().convolution(VALID).build());
        assertTrue(late.getMessage().contains("after a dense layer"), late.getMessage());
        IllegalArgumentException rank =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SignalPath.Convolution.of(
                                        new int[] {3, 3, 3},
                                        new int[] {1, 1, 1},
                                        new int[] {1, 1, 1},
                                        new int[] {0, 0, 0}));
        assertTrue(rank.getMessage().contains("[3, 3, 3]"), rank.getMessage());
        assertFalse(SignalPath.chain(List.of(Activations.tanh())).spatial());
    }

    @Test
    void sameAndStridedOutputSizes() {
        assertEquals(12, VALID.outputSize(0, 14));
        assertEquals(7, STRIDED.outputSize(0, 14));
        assertEquals(14, SAME.outputSize(0, 14));
        assertEquals(1, SAME.paddingBefore(0, 14));
        SignalPath.Convolution sameStrided =
                new SignalPath.Convolution(
                        new int[] {4}, new int[] {2}, new int[] {1}, new int[] {0}, true);
        // TensorFlow's rule: out = ceil(7 / 2) = 4, total padding (4 - 1) 2 + 4 - 7 = 3, 1 before
        assertEquals(4, sameStrided.outputSize(0, 7));
        assertEquals(1, sameStrided.paddingBefore(0, 7));
    }

    private static SignalPath path(ActivationFunction phi) {
        return SignalPath.builder()
                .convolution(VALID)
                .activation(phi)
                .convolution(STRIDED)
                .activation(phi)
                .convolution(SAME)
                .activation(phi)
                .dense()
                .activation(phi)
                .dense()
                .build();
    }

    /**
     * Two pairs of images, channels first: ink (N(0.5, 0.6^2) values, per channel) inside a margin
     * of 3, zero outside; the second image of each pair shares 60% of the first's ink pattern.
     */
    private static float[][] images(SplittableRandom rng) {
        int plane = SIDE * SIDE;
        float[][] x = new float[4][IN_CHANNELS * plane];
        for (int p = 0; p < 2; p++) {
            for (int i = 3; i < SIDE - 3; i++) {
                for (int j = 3; j < SIDE - 3; j++) {
                    boolean ink = rng.nextDouble() < 0.5;
                    boolean shared = rng.nextDouble() < 0.6;
                    boolean other = rng.nextDouble() < 0.5;
                    for (int ch = 0; ch < IN_CHANNELS; ch++) {
                        double a = ink ? 0.5 + 0.6 * rng.nextGaussian() : 0;
                        double b = shared ? a : (other ? 1.2 : 0);
                        x[2 * p][ch * plane + i * SIDE + j] = (float) a;
                        x[2 * p + 1][ch * plane + i * SIDE + j] = (float) b;
                    }
                }
            }
        }
        return x;
    }

    /** The pre-activations of the five weighted layers for each input, [layer][input][unit]. */
    private static double[][][] network(
            ActivationFunction phi, float[][] images, SplittableRandom rng) {
        int n = images.length;
        double[][][] out = new double[5][][];
        int plane = SIDE * SIDE;
        double[][][] signal = new double[n][IN_CHANNELS][plane];
        for (int a = 0; a < n; a++) {
            for (int ch = 0; ch < IN_CHANNELS; ch++) {
                for (int i = 0; i < plane; i++) {
                    signal[a][ch][i] = images[a][ch * plane + i];
                }
            }
        }
        int side = SIDE;
        SignalPath.Convolution[] convs = {VALID, STRIDED, SAME};
        for (int l = 0; l < 3; l++) {
            int next = convs[l].outputSize(0, side);
            signal = convolve(signal, side, next, convs[l], rng);
            side = next;
            out[l] = flatten(signal);
            signal = apply(phi, signal);
        }
        double[][] flat = flatten(signal);
        for (int l = 3; l < 5; l++) {
            flat = dense(flat, rng);
            out[l] = flat;
            flat = apply(phi, flat);
        }
        return out;
    }

    private static double[][][] convolve(
            double[][][] in,
            int side,
            int next,
            SignalPath.Convolution conv,
            SplittableRandom rng) {
        int cin = in[0].length;
        int stride = conv.stride()[0];
        int pad = conv.paddingBefore(0, side);
        double std = Math.sqrt(SIGMA_W2 / (cin * 9.0));
        double[][][] out = new double[in.length][CHANNELS][next * next];
        for (int co = 0; co < CHANNELS; co++) {
            double[][][] w = new double[cin][3][3];
            for (double[][] plane : w) {
                for (double[] row : plane) {
                    for (int k = 0; k < 3; k++) {
                        row[k] = std * rng.nextGaussian();
                    }
                }
            }
            double bias = Math.sqrt(SIGMA_B2) * rng.nextGaussian();
            for (int a = 0; a < in.length; a++) {
                for (int i = 0; i < next; i++) {
                    for (int j = 0; j < next; j++) {
                        double s = bias;
                        for (int ci = 0; ci < cin; ci++) {
                            for (int u = 0; u < 3; u++) {
                                int y = i * stride - pad + u;
                                if (y < 0 || y >= side) {
                                    continue;
                                }
                                for (int v = 0; v < 3; v++) {
                                    int x = j * stride - pad + v;
                                    if (x >= 0 && x < side) {
                                        s += w[ci][u][v] * in[a][ci][y * side + x];
                                    }
                                }
                            }
                        }
                        out[a][co][i * next + j] = s;
                    }
                }
            }
        }
        return out;
    }

    private static double[][] dense(double[][] in, SplittableRandom rng) {
        int fanIn = in[0].length;
        double std = Math.sqrt(SIGMA_W2 / fanIn);
        double[][] out = new double[in.length][UNITS];
        for (int u = 0; u < UNITS; u++) {
            double bias = Math.sqrt(SIGMA_B2) * rng.nextGaussian();
            double[] s = new double[in.length];
            for (int j = 0; j < fanIn; j++) {
                double w = std * rng.nextGaussian();
                for (int a = 0; a < in.length; a++) {
                    s[a] += w * in[a][j];
                }
            }
            for (int a = 0; a < in.length; a++) {
                out[a][u] = s[a] + bias;
            }
        }
        return out;
    }

    private static double[][][] apply(ActivationFunction phi, double[][][] x) {
        double[][][] out = new double[x.length][x[0].length][];
        for (int a = 0; a < x.length; a++) {
            for (int ch = 0; ch < x[a].length; ch++) {
                out[a][ch] = x[a][ch].clone();
                for (int i = 0; i < out[a][ch].length; i++) {
                    out[a][ch][i] = phi.value(out[a][ch][i]);
                }
            }
        }
        return out;
    }

    private static double[][] apply(ActivationFunction phi, double[][] x) {
        double[][] out = new double[x.length][];
        for (int a = 0; a < x.length; a++) {
            out[a] = x[a].clone();
            for (int i = 0; i < out[a].length; i++) {
                out[a][i] = phi.value(out[a][i]);
            }
        }
        return out;
    }

    private static double[][] flatten(double[][][] x) {
        int per = x[0][0].length;
        double[][] out = new double[x.length][x[0].length * per];
        for (int a = 0; a < x.length; a++) {
            for (int ch = 0; ch < x[a].length; ch++) {
                System.arraycopy(x[a][ch], 0, out[a], ch * per, per);
            }
        }
        return out;
    }

    private static double meanSquare(double[][] rows) {
        double s = 0;
        for (double[] r : rows) {
            for (double v : r) {
                s += v * v;
            }
        }
        return s / (rows.length * (double) rows[0].length);
    }

    private static double meanPairCorrelation(double[][] rows) {
        double s = 0;
        for (int p = 0; p < rows.length / 2; p++) {
            s += MonteCarlo.correlation(new double[][] {rows[2 * p], rows[2 * p + 1]});
        }
        return s / (rows.length / 2);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
