package app;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.eoc.djl.EocActivations;
import dev.eoc.djl.EocInit;
import dev.eoc.djl.EocInitOptions;
import dev.eoc.djl.PropagationListener;
import dev.eoc.djl.ResidualBlock;

/**
 * Two SGD iterations of a 6-layer tanh network with eoc's initialization and listener: an
 * embedding Linear layer and four residual blocks y + 0.5 (W tanh(y) + b), then the output; then
 * two of a small CNN (two 3 x 3 convolutions of 16 filters on 12 x 12 images, the output).
 */
public final class DjlApp {
    public static void main(String[] args) throws Exception {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(128).build());
        for (int i = 0; i < 4; i++) {
            net.add(ResidualBlock.of(new SequentialBlock()
                    .add(EocActivations.tanh())
                    .add(Linear.builder().setUnits(128).build()), 0.5));
        }
        net.add(EocActivations.tanh()).add(Linear.builder().setUnits(10).build());
        train(net, new Shape(64), -0.5f, 0.5f);

        SequentialBlock cnn = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            cnn.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(16)
                            .optPadding(new Shape(1, 1)).build())
                    .add(EocActivations.tanh());
        }
        cnn.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
        train(cnn, new Shape(1, 12, 12), 0f, 1f);
    }

    /** Two SGD steps (batches of 16) on 32 uniform random rows of this shape, listener on. */
    private static void train(SequentialBlock net, Shape row, float low, float high)
            throws Exception {
        try (Model model = Model.newInstance("app");
                NDManager m = NDManager.newBaseManager()) {
            model.setBlock(net);
            NDArray x = m.randomUniform(low, high, new Shape(32).addAll(row));
            NDArray y = m.arange(0, 32).mod(10);
            ArrayDataset data =
                    new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(16, false).build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build())
                            .addTrainingListeners(PropagationListener.builder().optInterval(1).build());
            try (Trainer trainer = model.newTrainer(config)) {
                EocInit.apply(trainer, EocInitOptions.withSeed(42));
                trainer.initialize(new Shape(16).addAll(row));
                EasyTrain.fit(trainer, 1, data, null);
            }
        }
    }
}
