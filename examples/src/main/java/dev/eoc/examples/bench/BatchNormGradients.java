package dev.eoc.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.eoc.djl.EocActivations;
import dev.eoc.djl.EocInit;
import dev.eoc.djl.EocInitOptions;
import dev.eoc.examples.train.Machine;
import dev.eoc.examples.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The weight gradients of the paper's depth-200 width-300 network at its Edge-of-Chaos
 * initialization, with and without BatchNorm between each Linear layer and its activation (the
 * paper's EOC + BN column): one forward and backward pass in training mode (batch statistics) on
 * one random MNIST-shaped batch of 64, softmax cross-entropy; prints |dL/dW_1| / |dL/dW_L| and its
 * per-layer geometric factor. Yang et al. (2019, "A mean field theory of batch normalization") show
 * that BatchNorm makes the gradients explode exponentially with depth at any initialization; this
 * measures how fast for each activation. Usage: {@code BatchNormGradients [depth] [seed]}. Not a
 * test; the numbers go to docs/RESULTS.md.
 */
public final class BatchNormGradients {

    private static final int WIDTH = 300;
    private static final int BATCH = 64;
    private static final int FEATURES = 784;
    private static final int CLASSES = 10;

    private BatchNormGradients() {}

    public static void main(String[] args) {
        int depth = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        TrainingData.Batch batch = RandomBatch.of(BATCH, FEATURES, CLASSES, 1.0f);
        System.out.printf(
                Locale.ROOT,
                "depth %d width %d batch %d seed %d, CPU %s%n",
                depth,
                WIDTH,
                BATCH,
                seed,
                Machine.cpu());
        for (String activation : List.of("tanh", "elu", "relu")) {
            for (boolean bn : new boolean[] {false, true}) {
                double[] g = gradientNorms(activation, bn, depth, seed, batch);
                double ratio = g[0] / g[g.length - 1];
                System.out.printf(
                        Locale.ROOT,
                        "%-5s %-8s |dL/dW_1| = %.3e, |dL/dW_L| = %.3e, ratio %.3e, per layer %.4f%n",
                        activation,
                        bn ? "EOC + BN" : "EOC",
                        g[0],
                        g[g.length - 1],
                        ratio,
                        Math.pow(ratio, 1.0 / (g.length - 1)));
            }
        }
    }

    private static double[] gradientNorms(
            String activation, boolean bn, int depth, long seed, TrainingData.Batch batch) {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < depth; l++) {
            net.add(Linear.builder().setUnits(WIDTH).build());
            if (bn) {
                net.add(BatchNorm.builder().build());
            }
            net.add(EocActivations.of(activation));
        }
        net.add(Linear.builder().setUnits(CLASSES).build());
        try (Model model = Model.newInstance("bn-gradients");
                NDManager m = NDManager.newBaseManager()) {
            model.setBlock(net);
            try (Trainer trainer =
                    model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
                EocInit.apply(trainer, EocInitOptions.withSeed(seed));
                trainer.initialize(new Shape(BATCH, FEATURES));
                NDArray x = m.create(batch.features(), new Shape(BATCH, FEATURES));
                float[] labels = new float[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    labels[i] = batch.labels()[i];
                }
                NDArray y = m.create(labels, new Shape(BATCH));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
                    NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(out));
                    gc.backward(loss);
                }
                List<Double> norms = new ArrayList<>();
                for (Block b : net.getChildren().values()) {
                    if (b instanceof Linear linear) {
                        NDArray grad =
                                linear.getParameters().get("weight").getArray().getGradient();
                        norms.add((double) grad.norm().getFloat());
                    }
                }
                return norms.stream().mapToDouble(Double::doubleValue).limit(depth).toArray();
            }
        }
    }
}
