package dev.eoc.examples.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import dev.eoc.djl.EocActivations;
import dev.eoc.djl.EocInit;
import dev.eoc.djl.EocInitOptions;
import dev.eoc.djl.PropagationListener;
import dev.eoc.examples.train.Machine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * DJL (PyTorch engine, float32, CPU) training throughput on the same MLP as {@link Dl4jThroughput}
 * (784 -> depth x width tanh -> 10, softmax cross-entropy, EOC-initialized by {@link EocInit},
 * plain SGD), on one random batch created once, in samples/s, for three variants interleaved in
 * rounds in one JVM: (a) no listener, (b) {@link PropagationListener} at its default interval, (c)
 * the listener every 10 batches. Also the engine's 1024^3 float32 matmul GFLOP/s and the training
 * loop's achieved GFLOP/s.
 *
 * <p>FLOP count per step: forward 2 B sum_l(fan_in_l fan_out_l) (one multiply-add per weight and
 * row), backward twice that (input gradient and weight gradient), so 6 B sum_l(fan_in_l fan_out_l);
 * 6.97 GFLOP at depth 200, width 300, batch 64. Element-wise ops, the loss and the update are left
 * out, and the first layer's unneeded input gradient is counted (0.5% over).
 *
 * <p>Usage: {@code java -Dai.djl.offline=true -cp ... dev.eoc.examples.bench.DjlThroughput [depth
 * width batch stepsPerRound rounds]}. Not a test; scripts/benchmarks/training-throughput.sh runs it
 * next to the DL4J benchmark. The last line ({@code RESULT djl ...}) is for scripts.
 */
public final class DjlThroughput {

    private static final int FEATURES = 784;
    private static final int CLASSES = 10;
    private static final float LEARNING_RATE = 1e-4f;
    private static final long SEED = 1;
    private static final int DATA_SEED = 3;

    /** Interval of variant (c): 10x the default rate, so that the listener's cost shows. */
    private static final int FREQUENT_INTERVAL = 10;

    /** Untimed steps per variant before the first round (JIT, allocator, first report). */
    private static final int WARMUP_STEPS = 2;

    private static final int MATMUL_N = 1024;
    private static final int MATMUL_REPEATS = 7;

    private DjlThroughput() {}

    /** One configuration to time; {@code interval} 0 means no listener. */
    record Variant(String name, int interval) {}

    /** Runs the benchmark; see the class comment for arguments. */
    public static void main(String[] args) throws IOException {
        int depth = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int perRound = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(DATA_SEED);
        provenance(engine);
        List<Variant> variants =
                List.of(
                        new Variant("(a) no listener", 0),
                        new Variant(
                                "(b) listener, default interval "
                                        + PropagationListener.DEFAULT_INTERVAL,
                                PropagationListener.DEFAULT_INTERVAL),
                        new Variant(
                                "(c) listener, interval " + FREQUENT_INTERVAL, FREQUENT_INTERVAL));
        try (NDManager data = engine.newBaseManager()) {
            double matmul = matmulGflops(data);
            NDArray x = data.randomUniform(0, 1, new Shape(batch, FEATURES), DataType.FLOAT32);
            NDArray y = data.arange(0, batch, 1, DataType.FLOAT32).mod(CLASSES);
            List<Model> models = new ArrayList<>();
            List<Trainer> trainers = new ArrayList<>();
            List<PropagationListener> listeners = new ArrayList<>();
            try {
                for (Variant v : variants) {
                    PropagationListener l =
                            v.interval() == 0
                                    ? null
                                    : PropagationListener.builder()
                                            .optInterval(v.interval())
                                            .build();
                    Model m = Model.newInstance("mlp-" + v.interval(), engine.getEngineName());
                    models.add(m);
                    trainers.add(trainer(m, depth, width, batch, l));
                    listeners.add(l);
                }
                for (Trainer t : trainers) {
                    steps(t, data, x, y, WARMUP_STEPS);
                }
                long[] warmupReportNanos =
                        listeners.stream()
                                .mapToLong(l -> l == null ? 0 : l.reportNanos())
                                .toArray();
                long[][] nanos = new long[variants.size()][rounds];
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < variants.size(); i++) {
                        nanos[i][r] = steps(trainers.get(i), data, x, y, perRound);
                    }
                    System.out.printf(Locale.ROOT, "round %d/%d done%n", r + 1, rounds);
                }
                report(
                        variants,
                        listeners,
                        warmupReportNanos,
                        nanos,
                        depth,
                        width,
                        batch,
                        perRound,
                        matmul);
            } finally {
                trainers.forEach(Trainer::close); // notifies onTrainingEnd
                models.forEach(Model::close);
            }
        }
    }

    private static Trainer trainer(
            Model model, int depth, int width, int batch, PropagationListener listener) {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < depth; l++) {
            net.add(Linear.builder().setUnits(width).build()).add(EocActivations.tanh());
        }
        net.add(Linear.builder().setUnits(CLASSES).build());
        model.setBlock(net);
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(
                                Optimizer.sgd()
                                        .setLearningRateTracker(Tracker.fixed(LEARNING_RATE))
                                        .build());
        if (listener != null) {
            config.addTrainingListeners(listener);
        }
        Trainer trainer = model.newTrainer(config);
        EocInit.apply(trainer, EocInitOptions.withSeed(SEED));
        trainer.initialize(new Shape(batch, FEATURES));
        trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
        return trainer;
    }

    /**
     * Runs training steps on the fixed batch and returns the nanoseconds taken. Each step copies
     * the 64x784 inputs into a step-scoped manager (0.2 MB, negligible next to ~7 GFLOP) because
     * the engine attaches every intermediate array to its input's manager: reusing the arrays as
     * they are would keep all activations of all steps alive.
     */
    private static long steps(Trainer trainer, NDManager data, NDArray x, NDArray y, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (NDManager step = data.newSubManager()) {
                NDArray xs = x.duplicate();
                NDArray ys = y.duplicate();
                xs.attach(step);
                ys.attach(step);
                int rows = (int) x.getShape().get(0);
                Batch b =
                        new Batch(
                                step,
                                new NDList(xs),
                                new NDList(ys),
                                rows,
                                Batchifier.STACK,
                                Batchifier.STACK,
                                0,
                                0);
                EasyTrain.trainBatch(trainer, b);
                trainer.step();
            }
        }
        return System.nanoTime() - t0;
    }

    /** Median GFLOP/s of a float32 N^3 matmul (2 N^3 FLOP) on the engine, after a warm-up. */
    private static double matmulGflops(NDManager data) {
        double[] rates = new double[MATMUL_REPEATS];
        try (NDManager m = data.newSubManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(MATMUL_N, MATMUL_N), DataType.FLOAT32);
            NDArray b = m.randomUniform(-1, 1, new Shape(MATMUL_N, MATMUL_N), DataType.FLOAT32);
            a.matMul(b).close();
            for (int i = 0; i < MATMUL_REPEATS; i++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0); // the CPU engine is eager; this just keeps c used
                }
                rates[i] = 2.0 * Math.pow(MATMUL_N, 3) / (System.nanoTime() - t0);
            }
        }
        return median(rates);
    }

    /** 6 B sum_l(fan_in_l fan_out_l): see the class comment. */
    static double gflopPerStep(int depth, int width, int batch) {
        double weights =
                (double) FEATURES * width + (depth - 1.0) * width * width + width * CLASSES;
        return 6.0 * batch * weights / 1e9;
    }

    private static void report(
            List<Variant> variants,
            List<PropagationListener> listeners,
            long[] warmupReportNanos,
            long[][] nanos,
            int depth,
            int width,
            int batch,
            int perRound,
            double matmul) {
        int rounds = nanos[0].length;
        double gflop = gflopPerStep(depth, width, batch);
        System.out.printf(
                Locale.ROOT,
                "depth %d width %d batch %d, %d rounds of %d steps per variant (+%d warm-up);"
                        + " %.3f GFLOP per step%n",
                depth,
                width,
                batch,
                rounds,
                perRound,
                WARMUP_STEPS,
                gflop);
        System.out.printf(
                Locale.ROOT,
                "%-36s %10s %7s %10s %10s %8s  %s%n",
                "variant",
                "samples/s",
                "ratio",
                "all-rounds",
                "ratio",
                "report%",
                "rounds");
        double[] med = new double[variants.size()];
        double[] all = new double[variants.size()];
        for (int i = 0; i < variants.size(); i++) {
            double[] rates = new double[rounds];
            long total = 0;
            for (int r = 0; r < rounds; r++) {
                rates[r] = perRound * (double) batch / (nanos[i][r] / 1e9);
                total += nanos[i][r];
            }
            med[i] = median(rates);
            all[i] = rounds * perRound * (double) batch / (total / 1e9);
            PropagationListener l = listeners.get(i);
            String share =
                    l == null
                            ? "-"
                            : String.format(
                                    Locale.ROOT,
                                    "%.2f",
                                    100.0 * (l.reportNanos() - warmupReportNanos[i]) / total);
            System.out.printf(
                    Locale.ROOT,
                    "%-36s %10.1f %7.3f %10.1f %10.3f %8s  %s%n",
                    variants.get(i).name(),
                    med[i],
                    med[i] / med[0],
                    all[i],
                    all[i] / all[0],
                    share,
                    Arrays.toString(Arrays.stream(rates).map(DjlThroughput::round1).toArray()));
        }
        double trainGflops = med[0] / batch * gflop;
        System.out.printf(
                Locale.ROOT,
                "matmul %dx%dx%d float32: %.1f GFLOP/s (median of %d); training (a): %.1f GFLOP/s"
                        + " = %.0f%% of it%n",
                MATMUL_N,
                MATMUL_N,
                MATMUL_N,
                matmul,
                MATMUL_REPEATS,
                trainGflops,
                100 * trainGflops / matmul);
        System.out.println(
                "note: report% = listener report time in timed steps / timed time (the first"
                        + " report, after batch 1, falls in the warm-up); all-rounds = total samples / total time, which"
                        + " counts the rare default-interval reports that a median round can miss");
        System.out.printf(
                Locale.ROOT,
                "RESULT djl depth=%d width=%d batch=%d steps=%d rounds=%d a_sps=%.2f b_sps=%.2f"
                        + " c_sps=%.2f b_over_a=%.4f c_over_a=%.4f b_over_a_all=%.4f"
                        + " c_over_a_all=%.4f matmul_gflops=%.2f train_gflops=%.2f"
                        + " gflop_per_step=%.4f%n",
                depth,
                width,
                batch,
                perRound,
                rounds,
                med[0],
                med[1],
                med[2],
                med[1] / med[0],
                med[2] / med[0],
                all[1] / all[0],
                all[2] / all[0],
                matmul,
                trainGflops,
                gflop);
    }

    private static void provenance(Engine engine) {
        System.out.printf(
                Locale.ROOT,
                "git %s; JDK %s %s; CPU %s; %d cores%n",
                gitRevision(),
                System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version"),
                Machine.cpu(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "DJL %s, engine %s %s, ai.djl.offline=%s; env OMP_WAIT_POLICY=%s"
                        + " OMP_NUM_THREADS=%s OPENBLAS_NUM_THREADS=%s OPENBLAS_CORETYPE=%s"
                        + " MKL_NUM_THREADS=%s%n",
                Engine.getDjlVersion(),
                engine.getEngineName(),
                engine.getVersion(),
                System.getProperty("ai.djl.offline"),
                System.getenv("OMP_WAIT_POLICY"),
                System.getenv("OMP_NUM_THREADS"),
                System.getenv("OPENBLAS_NUM_THREADS"),
                System.getenv("OPENBLAS_CORETYPE"),
                System.getenv("MKL_NUM_THREADS"));
    }

    private static String gitRevision() {
        String given = System.getProperty("eoc.gitRevision");
        if (given != null) {
            return given;
        }
        try {
            Process p =
                    new ProcessBuilder("git", "describe", "--always", "--dirty")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out.strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
