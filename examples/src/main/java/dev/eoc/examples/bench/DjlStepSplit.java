package dev.eoc.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.eoc.djl.EocActivations;
import dev.eoc.djl.EocInit;
import dev.eoc.djl.EocInitOptions;
import java.util.Locale;

/**
 * Where a DJL training step of the paper's depth-200 width-300 tanh MLP (batch 64, float32, plain
 * SGD) goes: forward pass with the loss, backward pass, and the optimizer step (DJL's fused {@code
 * sgdUpdate} plus {@code zeroGrad} per parameter, 402 parameters, 18.2 M weights). The optimizer
 * step is bound by memory traffic: it reads every weight and gradient and writes every weight and
 * gradient once, about 290 MB per step.
 *
 * <p>Usage: {@code java -Dai.djl.offline=true -cp ... dev.eoc.examples.bench.DjlStepSplit [steps
 * warmup]}. Not a test; the numbers go to docs/BENCHMARKS.md.
 */
public final class DjlStepSplit {

    private static final int DEPTH = 200;
    private static final int WIDTH = 300;
    private static final int BATCH = 64;
    private static final int FEATURES = 784;
    private static final int CLASSES = 10;

    private DjlStepSplit() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < DEPTH; l++) {
            net.add(Linear.builder().setUnits(WIDTH).build()).add(EocActivations.tanh());
        }
        net.add(Linear.builder().setUnits(CLASSES).build());
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(net);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(Tracker.fixed(1e-4f))
                                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                EocInit.apply(trainer, EocInitOptions.withSeed(1));
                trainer.initialize(new Shape(BATCH, FEATURES));
                NDManager m = trainer.getManager();
                NDArray x = m.randomUniform(0, 1, new Shape(BATCH, FEATURES));
                NDArray y = m.arange(0, BATCH, 1, DataType.FLOAT32).mod(CLASSES);
                long[] nanos = new long[3];
                for (int i = 0; i < warmup + steps; i++) {
                    long[] t = step(trainer, m, x, y);
                    if (i >= warmup) {
                        for (int k = 0; k < 3; k++) {
                            nanos[k] += t[k];
                        }
                    }
                }
                double total = nanos[0] + nanos[1] + nanos[2];
                System.out.printf(
                        Locale.ROOT,
                        "per step (mean of %d after %d warm-up): forward+loss %.1f ms (%.0f%%),"
                                + " backward %.1f ms (%.0f%%), optimizer step %.1f ms (%.0f%%)%n",
                        steps,
                        warmup,
                        nanos[0] / 1e6 / steps,
                        100 * nanos[0] / total,
                        nanos[1] / 1e6 / steps,
                        100 * nanos[1] / total,
                        nanos[2] / 1e6 / steps,
                        100 * nanos[2] / total);
            }
        }
    }

    /** One step; returns the nanoseconds of forward+loss, backward and the optimizer step. */
    private static long[] step(Trainer trainer, NDManager m, NDArray x, NDArray y) {
        try (NDManager s = m.newSubManager()) {
            NDArray xs = x.duplicate();
            NDArray ys = y.duplicate();
            xs.attach(s);
            ys.attach(s);
            long t0 = System.nanoTime();
            long t1;
            long t2;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList preds = trainer.forward(new NDList(xs));
                NDArray loss = trainer.getLoss().evaluate(new NDList(ys), preds);
                t1 = System.nanoTime();
                collector.backward(loss);
                t2 = System.nanoTime();
            }
            long t3 = System.nanoTime();
            trainer.step();
            long t4 = System.nanoTime();
            return new long[] {t1 - t0, t2 - t1, t4 - t3};
        }
    }
}
