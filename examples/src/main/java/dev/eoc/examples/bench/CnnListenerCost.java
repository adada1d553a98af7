package dev.eoc.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.eoc.djl.EocActivations;
import dev.eoc.djl.EocInit;
import dev.eoc.djl.EocInitOptions;
import dev.eoc.djl.PropagationProbe;
import dev.eoc.examples.train.Machine;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What the listener's convolutional theory costs: a CNN of {@code convs} 3 x 3 tanh convolutions
 * ({@code filters} filters, 'same' padding) and a dense softmax output on MNIST-shaped random
 * batches (DJL, Trainer step, lr 0.01), timed in one run: the median training step, the median
 * probe report (forward pass of 4 pairs, statistics and the per-position theory), and the report's
 * share of the {@value #INTERVAL} steps between two reports (the listener's default interval).
 * Usage: {@code CnnListenerCost [convs] [filters] [rounds]}. Not a test; the numbers go to
 * docs/BENCHMARKS.md.
 */
public final class CnnListenerCost {

    private static final int INTERVAL = 100;
    private static final int BATCH = 32;
    private static final int SIDE = 28;

    private CnnListenerCost() {}

    public static void main(String[] args) throws Exception {
        int convs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int filters = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < convs; l++) {
            net.add(
                            Conv2d.builder()
                                    .setKernelShape(new Shape(3, 3))
                                    .setFilters(filters)
                                    .optPadding(new Shape(1, 1))
                                    .build())
                    .add(EocActivations.tanh());
        }
        net.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
        try (Model model = Model.newInstance("cnn");
                NDManager data = NDManager.newBaseManager()) {
            model.setBlock(net);
            SplittableRandom rng = new SplittableRandom(1);
            float[] x = new float[BATCH * SIDE * SIDE];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextDouble() < 0.2 ? (float) rng.nextDouble() : 0;
            }
            float[] y = new float[BATCH];
            for (int i = 0; i < BATCH; i++) {
                y[i] = i % 10;
            }
            NDArray xs = data.create(x, new Shape(BATCH, 1, SIDE, SIDE));
            NDArray ys = data.create(y, new Shape(BATCH));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(Tracker.fixed(0.01f))
                                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                EocInit.apply(trainer, EocInitOptions.withSeed(1));
                trainer.initialize(new Shape(BATCH, 1, SIDE, SIDE));
                PropagationProbe probe = PropagationProbe.of(net);
                NDArray pairs = xs.get("0:8");
                double[] step = new double[rounds];
                double[] report = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    for (int s = 0; s < 20; s++) {
                        Batch batch =
                                new Batch(
                                        data,
                                        new NDList(xs),
                                        new NDList(ys),
                                        BATCH,
                                        null,
                                        null,
                                        0,
                                        1);
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                    }
                    step[r] = (System.nanoTime() - t0) / 20e6;
                    long t1 = System.nanoTime();
                    probe.measure(pairs, r, false);
                    report[r] = (System.nanoTime() - t1) / 1e6;
                }
                java.util.Arrays.sort(step);
                java.util.Arrays.sort(report);
                double medianStep = step[rounds / 2];
                double medianReport = report[rounds / 2];
                System.out.printf(
                        Locale.ROOT,
                        "CNN %d convs x %d filters, 28 x 28, batch %d, CPU %s%n"
                                + "step %.1f ms (median of %d rounds of 20), report %.1f ms"
                                + " (median), share of %d steps %.2f%%%n",
                        convs,
                        filters,
                        BATCH,
                        Machine.cpu(),
                        medianStep,
                        rounds,
                        medianReport,
                        INTERVAL,
                        100 * medianReport / (medianReport + INTERVAL * medianStep));
            }
        }
    }
}
