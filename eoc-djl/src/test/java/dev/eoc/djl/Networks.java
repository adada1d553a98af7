package dev.eoc.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Test networks and inputs. */
final class Networks {
    private Networks() {}

    /** depth x (Linear(width) + activation). */
    static SequentialBlock mlp(int width, int depth, Supplier<Block> activation) {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < depth; l++) {
            net.add(Linear.builder().setUnits(width).build()).add(activation.get());
        }
        return net;
    }

    /** Initializes a bare block (no trainer) for input rows of the given width. */
    static void initialize(Block block, NDManager manager, int inputWidth) {
        block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, inputWidth));
        // touch every parameter once, as Trainer.initialize does
        ParameterStore store = new ParameterStore(manager, false);
        block.getParameters()
                .forEach(p -> store.getValue(p.getValue(), manager.getDevice(), false));
    }

    /**
     * Two rows of width d with |x|^2 / d = q0 exactly and correlation exactly c: Gaussian vectors
     * orthonormalized (Gram-Schmidt) and mixed.
     */
    static NDArray pair(NDManager manager, int d, double q0, double c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] u = new double[d];
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = r.nextGaussian();
            v[i] = r.nextGaussian();
        }
        scale(u, 1 / norm(u));
        double uv = 0;
        for (int i = 0; i < d; i++) {
            uv += u[i] * v[i];
        }
        for (int i = 0; i < d; i++) {
            v[i] -= uv * u[i];
        }
        scale(v, 1 / norm(v));
        double radius = Math.sqrt(q0 * d);
        float[] rows = new float[2 * d];
        for (int i = 0; i < d; i++) {
            rows[i] = (float) (radius * u[i]);
            rows[d + i] = (float) (radius * (c * u[i] + Math.sqrt(1 - c * c) * v[i]));
        }
        return manager.create(rows, new Shape(2, d));
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static void scale(double[] x, double f) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= f;
        }
    }
}
