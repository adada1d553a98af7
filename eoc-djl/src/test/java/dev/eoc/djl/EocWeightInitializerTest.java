package dev.eoc.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Initializer statistics with fixed seeds. For n iid N(0, s^2) samples the sample variance has
 * standard error s^2 sqrt(2 / n) and the sample mean s / sqrt(n); bounds are 5 standard errors (a
 * fixed seed cannot flake, and 5 SE would fail by chance with probability 6e-7 for a new seed).
 */
class EocWeightInitializerTest {

    private static final double STANDARD_ERRORS = 5;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static double[] meanAndVariance(float[] x) {
        double mean = Arrays.stream(toDouble(x)).average().orElseThrow();
        double ss = 0;
        for (float v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, ss / x.length};
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void gaussianWeightsHaveVarianceSigmaW2OverFanIn() {
        double sw2 = 1.7007;
        Shape shape = new Shape(1000, 500);
        NDArray w =
                EocWeightInitializer.normal(sw2, 42).initialize(manager, shape, DataType.FLOAT32);
        assertEquals(shape, w.getShape());
        double[] mv = meanAndVariance(w.toFloatArray());
        int n = 500_000;
        double fanIn = 500;
        assertEquals(sw2, fanIn * mv[1], STANDARD_ERRORS * sw2 * Math.sqrt(2.0 / n));
        assertEquals(0, mv[0], STANDARD_ERRORS * Math.sqrt(sw2 / fanIn / n));
    }

    @Test
    void fanInCountsTheReceptiveFieldAsDjlXavierDoes() {
        assertEquals(3 * 5 * 5, FanIn.of(new Shape(16, 3, 5, 5)));
        assertEquals(784, FanIn.of(new Shape(300, 784)));
        assertThrows(IllegalArgumentException.class, () -> FanIn.of(new Shape(300)));
        double sw2 = 2.0;
        NDArray w =
                EocWeightInitializer.normal(sw2, 3)
                        .initialize(manager, new Shape(400, 3, 5, 5), DataType.FLOAT32);
        double[] mv = meanAndVariance(w.toFloatArray());
        int n = 400 * 75;
        assertEquals(sw2, 75 * mv[1], STANDARD_ERRORS * sw2 * Math.sqrt(2.0 / n));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeightsAndFloat64Works() {
        Shape s = new Shape(20, 30);
        float[] a =
                EocWeightInitializer.normal(1, 7)
                        .initialize(manager, s, DataType.FLOAT32)
                        .toFloatArray();
        float[] b =
                EocWeightInitializer.normal(1, 7)
                        .initialize(manager, s, DataType.FLOAT32)
                        .toFloatArray();
        float[] c =
                EocWeightInitializer.normal(1, 8)
                        .initialize(manager, s, DataType.FLOAT32)
                        .toFloatArray();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        NDArray d = EocWeightInitializer.normal(1, 7).initialize(manager, s, DataType.FLOAT64);
        assertEquals(DataType.FLOAT64, d.getDataType());
    }

    @Test
    void orthogonalWeightsAreScaledOrthogonalWithExactMeanSquare() {
        double sw2 = 1.5;
        for (Shape shape : new Shape[] {new Shape(120, 80), new Shape(80, 120)}) {
            NDArray w =
                    EocWeightInitializer.orthogonal(sw2, 5)
                            .initialize(manager, shape, DataType.FLOAT32);
            long out = shape.get(0);
            long in = shape.get(1);
            // W W^T (out <= in) or W^T W (out > in) = sigma_w^2 max(out, in) / fan_in * I
            NDArray gram = out <= in ? w.matMul(w.transpose()) : w.transpose().matMul(w);
            long k = Math.min(out, in);
            double expected = sw2 * Math.max(out, in) / in;
            NDArray error = gram.sub(manager.eye((int) k).mul(expected)).abs().max();
            // float32 entries: sums of max(out, in) products, relative rounding ~1e-6
            assertEquals(0, error.getFloat(), 1e-5 * expected * Math.sqrt(Math.max(out, in)));
            float[] values = w.toFloatArray();
            double meanSquare = 0;
            for (float v : values) {
                meanSquare += v * v;
            }
            meanSquare /= values.length;
            assertEquals(sw2, in * meanSquare, 1e-5 * sw2);
        }
    }

    @Test
    void biasesHaveVarianceSigmaB2AndZeroVarianceGivesZeros() {
        double sb2 = 0.04;
        int n = 20_000;
        NDArray b =
                new EocBiasInitializer(sb2, 11).initialize(manager, new Shape(n), DataType.FLOAT32);
        double[] mv = meanAndVariance(b.toFloatArray());
        assertEquals(sb2, mv[1], STANDARD_ERRORS * sb2 * Math.sqrt(2.0 / n));
        assertEquals(0, mv[0], STANDARD_ERRORS * Math.sqrt(sb2 / n));
        float[] zeros =
                new EocBiasInitializer(0, 1)
                        .initialize(manager, new Shape(5), DataType.FLOAT32)
                        .toFloatArray();
        assertArrayEquals(new float[5], zeros);
        assertThrows(IllegalArgumentException.class, () -> new EocBiasInitializer(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> EocWeightInitializer.normal(0, 1));
    }

    /**
     * One initializer set on every Linear layer (DJL's optInitializer) must still give independent
     * layers: before the fix each same-shaped layer restarted the seed and got identical weights.
     */
    @Test
    void oneInitializerForAllLayersGivesIndependentLayers() {
        ai.djl.nn.SequentialBlock net = new ai.djl.nn.SequentialBlock();
        for (int l = 0; l < 4; l++) {
            net.add(ai.djl.nn.core.Linear.builder().setUnits(16).build());
        }
        net.setInitializer(EocWeightInitializer.normal(1.7, 7), ai.djl.nn.Parameter.Type.WEIGHT);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, new Shape(2, 16));
            java.util.List<float[]> weights = new java.util.ArrayList<>();
            net.getParameters()
                    .forEach(
                            p -> {
                                if (p.getKey().endsWith("weight")) {
                                    weights.add(p.getValue().getArray().toFloatArray());
                                }
                            });
            assertEquals(4, weights.size());
            for (int a = 0; a < weights.size(); a++) {
                for (int b = a + 1; b < weights.size(); b++) {
                    assertFalse(
                            Arrays.equals(weights.get(a), weights.get(b)),
                            "layers " + a + " and " + b + " got the same weights");
                }
            }
        }
        // the first tensor an initializer fills is the one its seed always gave (runs reproduce)
        float[] first =
                EocWeightInitializer.normal(1.7, 7)
                        .initialize(manager, new Shape(16, 16), DataType.FLOAT32)
                        .toFloatArray();
        assertArrayEquals(
                Gaussians.normal(
                                manager,
                                new Shape(16, 16),
                                DataType.FLOAT32,
                                Math.sqrt(1.7 / 16),
                                7)
                        .toFloatArray(),
                first);
    }
}
