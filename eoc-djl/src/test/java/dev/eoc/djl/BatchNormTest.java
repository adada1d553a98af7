package dev.eoc.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.eoc.core.diagnostics.PropagationDiagnosis;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The paper's EOC + BN networks (Linear, BatchNorm, activation) in DJL: the probe measures every
 * Linear layer, the theory stops at the first BatchNorm, and after a backward pass the measured
 * gradients decide: a deep ReLU + BN network's explode (1.22 per layer, Yang et al. 2019) and the
 * diagnosis blames BatchNorm; a shallow tanh + BN network's stay within AUTOTRAINER's bound.
 */
class BatchNormTest {

    private static final int WIDTH = 128;
    private static final int BATCH = 32;

    static SequentialBlock bnNet(int depth, Supplier<Block> activation) {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < depth; l++) {
            net.add(Linear.builder().setUnits(WIDTH).build())
                    .add(BatchNorm.builder().build())
                    .add(activation.get());
        }
        return net.add(Linear.builder().setUnits(10).build());
    }

    /** One forward and backward pass in training mode, then the probe with those gradients. */
    private static PropagationDiagnosis.Diagnosis diagnoseAfterABackwardPass(
            SequentialBlock net, int depth) {
        try (Model model = Model.newInstance("bn");
                NDManager m = NDManager.newBaseManager()) {
            model.setBlock(net);
            try (Trainer trainer =
                    model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
                EocInit.apply(trainer, EocInitOptions.withSeed(3));
                trainer.initialize(new Shape(BATCH, 64));
                ai.djl.engine.Engine.getInstance().setRandomSeed(5);
                NDArray x = m.randomUniform(0f, 1f, new Shape(BATCH, 64));
                NDArray y = m.arange(0, BATCH).mod(10);
                PropagationProbe probe = PropagationProbe.of(net);
                assertEquals(depth + 1, probe.depth(), "every Linear layer is probed");
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList out = trainer.forward(new NDList(x));
                    gc.backward(trainer.getLoss().evaluate(new NDList(y), out));
                }
                PropagationSnapshot s = probe.measure(x.get("0:8"), 1, true);
                assertTrue(s.theory().normalized());
                assertTrue(Double.isFinite(s.qTheory()[1]) && Double.isNaN(s.qTheory()[2]));
                assertTrue(Double.isFinite(s.layers().get(depth).gradientNorm()));
                return PropagationDiagnosis.of(s);
            }
        }
    }

    @Test
    void aDeepReluBatchNormNetworkIsNamedForItsExplodingGradients() {
        PropagationDiagnosis.Diagnosis d =
                diagnoseAfterABackwardPass(bnNet(40, EocActivations::relu), 40);
        assertEquals(PropagationDiagnosis.Verdict.EXPLODING_GRADIENTS, d.verdict(), d.message());
        assertTrue(d.message().contains("BatchNorm"), d.message());
    }

    @Test
    void aShallowTanhBatchNormNetworkRaisesNoAlarm() {
        PropagationDiagnosis.Diagnosis d =
                diagnoseAfterABackwardPass(bnNet(6, EocActivations::tanh), 6);
        assertEquals(PropagationDiagnosis.Verdict.HEALTHY, d.verdict(), d.message());
    }
}
