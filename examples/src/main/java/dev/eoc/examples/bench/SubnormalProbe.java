package dev.eoc.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.diagnostics.LayerStatistics;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitPoint;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.NetworkSpec;
import dev.eoc.examples.train.Networks;
import dev.eoc.examples.train.TrainableNetwork;
import dev.eoc.examples.train.TrainingData;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Why an ordered-phase training step is slow: times DJL training steps of the paper's depth-200
 * width-300 tanh MLP (batch 64, float32) at the Edge of Chaos and in the ordered phase (1, 1),
 * interleaved in rounds, and times one float32 matmul of the backward pass's shape (64 x 300 times
 * 300 x 300) with normal inputs and with subnormal inputs (|x| &lt; 2^-126 = 1.18e-38). In the
 * ordered phase chi_1 &lt; 1 shrinks the backpropagated gradient by sqrt(chi_1) per layer, so deep
 * in the network it passes through the subnormal range, where x86 floating-point units take a slow
 * path unless flush-to-zero is set; this program measures both effects. It also classifies each
 * layer's weight gradient at initialization by its root-mean-square entry (the listener's gradient
 * norm over sqrt(fan_in fan_out)): normal, subnormal (below 2^-126) or exactly zero.
 *
 * <p>Usage: {@code java -Dai.djl.offline=true -cp ... dev.eoc.examples.bench.SubnormalProbe [steps
 * rounds]}. Not a test; the numbers go to docs/BENCHMARKS.md.
 */
public final class SubnormalProbe {

    private static final int DEPTH = 200;
    private static final int WIDTH = 300;
    private static final int BATCH = 64;
    private static final int FEATURES = 784;
    private static final int CLASSES = 10;
    private static final int MATMUL_REPEATS = 200;

    private SubnormalProbe() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        TrainingData.Batch batch = RandomBatch.of(BATCH, FEATURES, CLASSES, 0.5f);
        InitScheme[] schemes = {InitScheme.EOC, InitScheme.ORDERED};
        TrainableNetwork[] nets = new TrainableNetwork[schemes.length];
        long[][] nanos = new long[schemes.length][rounds];
        try {
            for (int i = 0; i < schemes.length; i++) {
                InitPoint p =
                        InitPoint.resolve(
                                schemes[i], Framework.DJL, Activations.tanh(), null, null);
                nets[i] =
                        Networks.create(
                                Framework.DJL,
                                new NetworkSpec(
                                        "tanh",
                                        FEATURES,
                                        DEPTH,
                                        WIDTH,
                                        CLASSES,
                                        p,
                                        1,
                                        1e-4,
                                        1 + steps * rounds + 1,
                                        null,
                                        Map.of()));
                nets[i].step(batch); // warm-up; the listener reports after it
                gradientRanges(schemes[i], nets[i]);
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < schemes.length; i++) {
                    long t0 = System.nanoTime();
                    for (int s = 0; s < steps; s++) {
                        nets[i].step(batch);
                    }
                    nanos[i][r] = System.nanoTime() - t0;
                }
            }
            for (int i = 0; i < schemes.length; i++) {
                long[] sorted = nanos[i].clone();
                Arrays.sort(sorted);
                System.out.printf(
                        Locale.ROOT,
                        "%-8s median %.1f ms per step (rounds of %d steps: %s ms)%n",
                        schemes[i].id(),
                        sorted[rounds / 2] / 1e6 / steps,
                        steps,
                        Arrays.toString(Arrays.stream(nanos[i]).map(n -> n / 1_000_000).toArray()));
            }
        } finally {
            for (TrainableNetwork n : nets) {
                if (n != null) {
                    n.close();
                }
            }
        }
        matmul();
    }

    /**
     * Median times of a 64x300 by 300x300 float32 matmul and of a 64x300 element-wise product, with
     * normal and with subnormal left inputs.
     */
    private static void matmul() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.randomNormal(0, 0.06f, new Shape(WIDTH, WIDTH), DataType.FLOAT32);
            NDArray normal = m.randomNormal(0, 1e-3f, new Shape(BATCH, WIDTH), DataType.FLOAT32);
            NDArray subnormal = normal.mul(1e-36f); // |x| ~ 1e-39: below 2^-126
            double tn = median(() -> normal.matMul(w));
            double ts = median(() -> subnormal.matMul(w));
            NDArray scale = m.randomUniform(0.5f, 1f, new Shape(BATCH, WIDTH), DataType.FLOAT32);
            double en = median(() -> normal.mul(scale));
            double es = median(() -> subnormal.mul(scale));
            float[] v = subnormal.toFloatArray();
            long count = 0;
            for (float x : v) {
                if (x != 0 && Math.abs(x) < Float.MIN_NORMAL) {
                    count++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "matmul 64x300x300: normal inputs %.1f us, subnormal inputs (%.0f%% subnormal)"
                            + " %.1f us: %.1fx%n",
                    tn / 1e3,
                    100.0 * count / v.length,
                    ts / 1e3,
                    ts / tn);
            System.out.printf(
                    Locale.ROOT,
                    "element-wise product 64x300: normal %.1f us, subnormal %.1f us: %.1fx%n",
                    en / 1e3,
                    es / 1e3,
                    es / en);
        }
    }

    /** Median nanoseconds of an engine op (the CPU engine is eager). */
    private static double median(Supplier<NDArray> op) {
        double[] t = new double[MATMUL_REPEATS];
        for (int i = 0; i < MATMUL_REPEATS; i++) {
            long t0 = System.nanoTime();
            try (NDArray c = op.get()) {
                c.getFloat(0, 0);
            }
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[MATMUL_REPEATS / 2];
    }

    /** Prints how many layers' gradients have a normal, subnormal or zero RMS entry. */
    private static void gradientRanges(InitScheme scheme, TrainableNetwork net) {
        List<PropagationReport> reports = net.listenerReports();
        if (reports.isEmpty()) {
            System.out.println(scheme.id() + ": no listener report");
            return;
        }
        int normal = 0;
        int subnormal = 0;
        int zero = 0;
        int firstSubnormal = -1;
        double smallest = Double.MAX_VALUE;
        for (LayerStatistics l : reports.get(0).snapshot().layers()) {
            int fanIn = l.layer() == 1 ? FEATURES : WIDTH;
            int fanOut = l.layer() == DEPTH + 1 ? CLASSES : WIDTH;
            double rms = l.gradientNorm() / Math.sqrt((double) fanIn * fanOut);
            if (rms == 0) {
                zero++;
            } else if (rms < Float.MIN_NORMAL) {
                subnormal++;
                if (firstSubnormal < 0) {
                    firstSubnormal = l.layer();
                }
            } else {
                normal++;
            }
            if (rms > 0) {
                smallest = Math.min(smallest, rms);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%-8s weight-gradient RMS per layer at initialization: %d normal, %d subnormal,"
                        + " %d zero; smallest nonzero %.3g; layers 1..%d are the ones nearest the"
                        + " input%n",
                scheme.id(),
                normal,
                subnormal,
                zero,
                smallest,
                DEPTH + 1);
    }
}
