package dev.eoc.examples.bench;

import ai.djl.ndarray.NDManager;
import dev.eoc.core.activation.Activations;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitPoint;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.Machine;
import dev.eoc.examples.train.NetworkSpec;
import dev.eoc.examples.train.Networks;
import dev.eoc.examples.train.TrainableNetwork;
import dev.eoc.examples.train.TrainingData;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time per training step of the paper's MNIST network (784 -> 200 x 300 tanh -> 10, EOC, batch 64,
 * SGD lr 1e-4) as {@code ./eoc train} runs it in DJL, for the two step implementations side by side
 * in one JVM, interleaved in rounds so that load changes hit both alike: (a) DJL's Trainer
 * (autograd and DJL's SGD optimizer; system property {@code eoc.djl.trainer-step=true}) and (b) the
 * pipelined step (hand-written backward pass on two single-threaded workers, the default). Both go
 * through the same {@code TrainableNetwork.step} as a real run, listener included, on one random
 * MNIST-shaped batch.
 *
 * <p>Prints each round's ms/step, the medians, their ratio and the implied time of a 60000-image
 * epoch (938 steps, evaluation not included). Whether MKL runs its AVX-512 kernels is decided when
 * the JVM starts (./eoc preloads a library on AMD CPUs, see the launcher);
 * scripts/benchmarks/djl-step.sh runs this class with and without it.
 *
 * <p>Usage: {@code java -Dai.djl.offline=true -cp ... dev.eoc.examples.bench.DjlStepComparison
 * [stepsPerRound rounds warmupSteps [eoc|eoc-bn]]}; {@code eoc-bn} puts BatchNorm before every
 * hidden activation (the paper's EOC + BN network, issue 14). The last line ({@code RESULT ...}) is
 * for scripts.
 */
public final class DjlStepComparison {

    private static final int FEATURES = 784;
    private static final int CLASSES = 10;
    private static final int DEPTH = 200;
    private static final int WIDTH = 300;
    private static final int BATCH = 64;
    private static final int EPOCH_STEPS = 938;
    private static final String TRAINER_PROPERTY = "eoc.djl.trainer-step";

    private DjlStepComparison() {}

    /** Runs the comparison; see the class comment for arguments. */
    public static void main(String[] args) {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        InitScheme scheme = args.length > 3 ? scheme(args[3]) : InitScheme.EOC;
        InitPoint p = InitPoint.resolve(scheme, Framework.DJL, Activations.tanh(), null, null);
        NetworkSpec spec =
                new NetworkSpec(
                        "tanh", FEATURES, DEPTH, WIDTH, CLASSES, p, 1, 1e-4, 100, null, Map.of());
        TrainingData.Batch batch = RandomBatch.of(BATCH, FEATURES, CLASSES, 0.7f);
        System.out.printf(
                Locale.ROOT,
                "DJL step, depth %d width %d batch %d tanh %s; %s; LD_PRELOAD=%s%n",
                DEPTH,
                WIDTH,
                BATCH,
                scheme.id(),
                Machine.cpu(),
                System.getenv().getOrDefault("LD_PRELOAD", "(none)"));
        System.setProperty(TRAINER_PROPERTY, "true");
        try (TrainableNetwork trainer = Networks.create(Framework.DJL, spec)) {
            System.clearProperty(TRAINER_PROPERTY);
            try (TrainableNetwork pipelined = Networks.create(Framework.DJL, spec)) {
                TrainableNetwork[] nets = {trainer, pipelined};
                for (TrainableNetwork net : nets) {
                    for (int i = 0; i < warmup; i++) {
                        net.step(batch);
                    }
                }
                double[][] ms = new double[2][rounds];
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < 2; k++) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < perRound; i++) {
                            nets[k].step(batch);
                        }
                        ms[k][r] = (System.nanoTime() - t0) / 1e6 / perRound;
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "round %d: trainer %.1f ms/step, pipelined %.1f ms/step%n",
                            r + 1,
                            ms[0][r],
                            ms[1][r]);
                }
                double a = median(ms[0]);
                double b = median(ms[1]);
                System.out.printf(
                        Locale.ROOT,
                        "median: (a) DJL Trainer %.1f ms/step (%.0f s/epoch), (b) pipelined %.1f"
                                + " ms/step (%.0f s/epoch); (a)/(b) = %.2f%n",
                        a,
                        a * EPOCH_STEPS / 1000,
                        b,
                        b * EPOCH_STEPS / 1000,
                        a / b);
                // issue 14: the epoch's achieved rate as a fraction of the engine's matmul rate,
                // measured in this JVM right after the steps (same threads, same preload)
                double flop = stepFlop();
                double peak;
                double small;
                try (NDManager m = NDManager.newBaseManager()) {
                    peak = MatmulRate.gflops(m, 1024, 1024, 1024, 7);
                    small = MatmulRate.gflops(m, BATCH, WIDTH, WIDTH, 201);
                }
                System.out.printf(
                        Locale.ROOT,
                        "rate: %.2f GFLOP per step; (b) pipelined %.1f GFLOP/s = %.0f%% of the"
                                + " 1024^3 matmul's %.1f GFLOP/s and %.0f%% of the 64x300x300"
                                + " matmul's %.1f GFLOP/s; (a) Trainer %.1f GFLOP/s = %.0f%%%n",
                        flop / 1e9,
                        flop / b / 1e6,
                        100 * flop / b / 1e6 / peak,
                        peak,
                        100 * flop / b / 1e6 / small,
                        small,
                        flop / a / 1e6,
                        100 * flop / a / 1e6 / peak);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT trainer_ms=%.2f pipelined_ms=%.2f ratio=%.3f matmul_gflops=%.1f"
                                + " pipelined_fraction=%.3f%n",
                        a,
                        b,
                        a / b,
                        peak,
                        flop / b / 1e6 / peak);
            }
        } finally {
            System.clearProperty(TRAINER_PROPERTY);
        }
    }

    private static InitScheme scheme(String id) {
        for (InitScheme s : List.of(InitScheme.EOC, InitScheme.EOC_BN)) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("init scheme must be eoc or eoc-bn, got '" + id + "'");
    }

    /**
     * FLOP of one SGD step: forward 2 B sum_l(fan_in_l fan_out_l), backward twice that (input and
     * weight gradients), as in {@link DjlThroughput}; element-wise work is left out.
     */
    private static double stepFlop() {
        double weights =
                (double) FEATURES * WIDTH + (DEPTH - 1.0) * WIDTH * WIDTH + WIDTH * CLASSES;
        return 6.0 * BATCH * weights;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
