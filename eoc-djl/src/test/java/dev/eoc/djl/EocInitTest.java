package dev.eoc.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.EmpiricalStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documented one-call path inside a real {@link Trainer}: the weights it produces have the
 * Edge-of-Chaos statistics, even when the training config also sets an initializer. Bounds: 5
 * standard errors of the sample variance, sigma^2 sqrt(2 / n).
 */
class EocInitTest {

    private static final double STANDARD_ERRORS = 5;
    private static final int WIDTH = 400;

    private static DefaultTrainingConfig configWithXavier() {
        // the config's initializer is what would silently replace block-level initializers
        return new DefaultTrainingConfig(Loss.l2Loss())
                .optInitializer(
                        new XavierInitializer(
                                XavierInitializer.RandomType.GAUSSIAN,
                                XavierInitializer.FactorType.AVG,
                                2),
                        Parameter.Type.WEIGHT);
    }

    private static void assertLayerStatistics(Linear linear, double sw2, double sb2) {
        float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
        float[] b = linear.getParameters().get("bias").getArray().toFloatArray();
        double fanIn = linear.getParameters().get("weight").getArray().getShape().get(1);
        assertEquals(
                sw2,
                EmpiricalStatistics.weightVariance(w, (long) fanIn),
                STANDARD_ERRORS * sw2 * Math.sqrt(2.0 / w.length));
        assertEquals(
                sb2,
                EmpiricalStatistics.biasVariance(b),
                STANDARD_ERRORS * sb2 * Math.sqrt(2.0 / b.length));
    }

    @Test
    void documentedPathYieldsEdgeOfChaosWeightsInsideATrainer() {
        SequentialBlock net = Networks.mlp(WIDTH, 3, EocActivations::tanh);
        EocPoint p = EdgeOfChaos.of(dev.eoc.core.activation.Activations.tanh()).recommended();
        try (Model model = Model.newInstance("eoc")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(configWithXavier())) {
                List<LayerInit> set = EocInit.apply(net, EocInitOptions.withSeed(42));
                trainer.initialize(new Shape(8, 300));
                assertEquals(3, set.size());
                assertEquals(p.sigmaW(), set.get(0).sigmaW(), 1e-15);
                for (var child : net.getChildren().values()) {
                    if (child instanceof Linear linear) {
                        assertLayerStatistics(linear, p.weightVariance(), p.biasVariance());
                    }
                }
            }
        }
    }

    /**
     * Issue 15 (3): EocInit.apply(block) before model.newTrainer(config) with a config that sets
     * optInitializer(Xavier, WEIGHT) ended with Xavier weights while eoc logged that its
     * initializers were set. Now trainer.initialize fails with the order that works.
     */
    @Test
    void applyingBeforeNewTrainerWithAnInitializerConfigFailsNamingTheOrderThatWorks() {
        SequentialBlock net = Networks.mlp(WIDTH, 2, EocActivations::tanh);
        try (Model model = Model.newInstance("eoc")) {
            model.setBlock(net);
            EocInit.apply(net, EocInitOptions.withSeed(1));
            try (Trainer trainer = model.newTrainer(configWithXavier())) {
                IllegalStateException e =
                        assertThrows(
                                IllegalStateException.class,
                                () -> trainer.initialize(new Shape(8, WIDTH)));
                assertTrue(e.getMessage().contains("XavierInitializer"), e.getMessage());
                assertTrue(e.getMessage().contains("EocInit.apply(trainer, "), e.getMessage());
            }
        }
    }

    /** The order-proof overload: after newTrainer, the Edge of Chaos wins over the config. */
    @Test
    void applyingToTheTrainerWinsOverTheConfigsInitializer() {
        SequentialBlock net = Networks.mlp(WIDTH, 2, EocActivations::tanh);
        EocPoint p = EdgeOfChaos.of(dev.eoc.core.activation.Activations.tanh()).recommended();
        try (Model model = Model.newInstance("eoc")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(configWithXavier())) {
                EocInit.apply(trainer, EocInitOptions.withSeed(1));
                trainer.initialize(new Shape(8, WIDTH));
                Linear second = (Linear) net.getChildren().get(2).getValue();
                assertLayerStatistics(second, p.weightVariance(), p.biasVariance());
            }
        }
    }

    /** Following the message's advice works: the same config, EocInit.apply(trainer, ...). */
    @Test
    void theTrapsAdviceWhenFollowedInitializesOnTheEdgeOfChaos() {
        SequentialBlock net = Networks.mlp(WIDTH, 2, EocActivations::tanh);
        EocPoint p = EdgeOfChaos.of(dev.eoc.core.activation.Activations.tanh()).recommended();
        try (Model model = Model.newInstance("eoc")) {
            model.setBlock(net);
            EocInit.apply(net, EocInitOptions.withSeed(1));
            try (Trainer trainer = model.newTrainer(configWithXavier())) {
                EocInit.apply(trainer, EocInitOptions.withSeed(1));
                trainer.initialize(new Shape(8, WIDTH));
                Linear first = (Linear) net.getChildren().get(0).getValue();
                assertLayerStatistics(first, p.weightVariance(), p.biasVariance());
            }
        }
    }

    @Test
    void mixedActivationsGetTheirOwnPointsAndTheOutputLayerTakesThePreviousOne() {
        SequentialBlock inner =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(WIDTH).build())
                        .add(EocActivations.elu(1.0));
        SequentialBlock net =
                new SequentialBlock()
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(WIDTH).build())
                        .add(Activation.tanhBlock())
                        .add(inner)
                        .add(Linear.builder().setUnits(10).build());
        List<LayerInit> set = EocInit.apply(net, EocInitOptions.withSeed(3).atSigmaB(0.1));
        assertEquals(
                List.of("tanh", "elu(1)", "elu(1)"),
                set.stream().map(LayerInit::activation).toList());
        EocPoint elu = EdgeOfChaos.of(dev.eoc.core.activation.Activations.elu(1)).solve(0.1);
        assertEquals(elu.sigmaW(), set.get(2).sigmaW(), 1e-12);
        assertEquals("3/0", set.get(1).path());
    }

    @Test
    void unsupportedBlocksGiveAClearErrorOrAreSkippedInLenientMode() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(LayerNorm.builder().build())
                        .add(Linear.builder().setUnits(WIDTH).build())
                        .add(EocActivations.relu());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EocInit.apply(net, EocInitOptions.withSeed(1)));
        assertTrue(
                e.getMessage().contains("block 0") && e.getMessage().contains("LayerNorm"),
                e.getMessage());
        assertTrue(e.getMessage().contains("supported: Linear"), e.getMessage());
        List<LayerInit> set = EocInit.apply(net, EocInitOptions.withSeed(1).asLenient());
        assertEquals(1, set.size());
        assertEquals(Math.sqrt(2), set.get(0).sigmaW(), 1e-12);
    }

    /**
     * Issue 13 (2): Conv2d was refused. A convolution's weights get the EOC point of the activation
     * after it with fan-in = input channels x kernel area (the q-map of a convolution is a dense
     * layer's); the probe follows them (ConvolutionTest).
     */
    @Test
    void convolutionsGetTheEdgeOfChaosWithFanInChannelsTimesKernelArea() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(
                                Conv2d.builder()
                                        .setKernelShape(new Shape(3, 3))
                                        .setFilters(32)
                                        .build())
                        .add(EocActivations.tanh())
                        .add(
                                Conv2d.builder()
                                        .setKernelShape(new Shape(3, 3))
                                        .setFilters(32)
                                        .build())
                        .add(EocActivations.tanh())
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(10).build());
        EocPoint p = EdgeOfChaos.of(dev.eoc.core.activation.Activations.tanh()).recommended();
        try (Model model = Model.newInstance("eoc")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(configWithXavier())) {
                List<LayerInit> set = EocInit.apply(trainer, EocInitOptions.withSeed(3));
                trainer.initialize(new Shape(2, 8, 12, 12));
                assertEquals(3, set.size());
                for (int child : new int[] {0, 2}) {
                    Conv2d conv = (Conv2d) net.getChildren().get(child).getValue();
                    var weight = conv.getParameters().get("weight").getArray();
                    long fanIn = weight.getShape().get(1) * 9; // channels x 3 x 3
                    float[] w = weight.toFloatArray();
                    assertEquals(
                            p.weightVariance(),
                            EmpiricalStatistics.weightVariance(w, fanIn),
                            STANDARD_ERRORS * p.weightVariance() * Math.sqrt(2.0 / w.length),
                            "conv " + child + ", fan-in " + fanIn);
                }
            }
        }
        assertEquals(3, PropagationProbe.of(net).depth(), "the probe follows convolutions too");
    }

    @Test
    void djlParametrizedActivationNeedsAnExplicitSpec() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(WIDTH).build())
                        .add(Activation.eluBlock(0.5f));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EocInit.apply(net, EocInitOptions.withSeed(1)));
        assertTrue(e.getMessage().contains("EocActivations.elu(alpha)"), e.getMessage());
        List<LayerInit> set =
                EocInit.apply(net, EocInitOptions.withSeed(1).withActivations(List.of("elu(0.5)")));
        assertEquals("elu(0.5)", set.get(0).activation());
    }

    @Test
    void reluOffTheEdgeOfChaosSigmaBIsAClearError() {
        SequentialBlock net = Networks.mlp(WIDTH, 2, EocActivations::relu);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EocInit.apply(net, EocInitOptions.withSeed(1).atSigmaB(0.3)));
        assertTrue(e.getMessage().toLowerCase().contains("relu"), e.getMessage());
    }

    /**
     * ReLU's EOC point (0, sqrt 2) is marginal, not unstable: every q is a fixed point (chi_q = 1
     * exactly). EocInit reported it unstable and logged "a larger sigma_b gives a stable point",
     * advice that leads to an error (ReLU has no EOC point at sigma_b &gt; 0); shifted softplus,
     * whose points are unstable, still says so.
     */
    @Test
    void reluIsMarginalNotUnstable() {
        List<LayerInit> relu =
                EocInit.apply(
                        Networks.mlp(WIDTH, 2, EocActivations::relu), EocInitOptions.withSeed(1));
        assertTrue(relu.stream().allMatch(LayerInit::stable), relu.toString());
        List<LayerInit> softplus =
                EocInit.apply(
                        Networks.mlp(WIDTH, 2, EocActivations::shiftedSoftplus),
                        EocInitOptions.withSeed(1).atSigmaB(0.2));
        assertTrue(softplus.stream().noneMatch(LayerInit::stable), softplus.toString());
    }

    @Test
    void lenientProbeStopsAtTheFirstUnsupportedBlock() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(WIDTH).build())
                        .add(EocActivations.tanh())
                        .add(new ai.djl.nn.LambdaBlock(x -> x, "custom"))
                        .add(Linear.builder().setUnits(WIDTH).build())
                        .add(EocActivations.tanh())
                        .add(Linear.builder().setUnits(10).build());
        // all three Linear layers are still initialized; only the first is probed
        assertEquals(3, EocInit.apply(net, EocInitOptions.withSeed(1).asLenient()).size());
        assertEquals(1, PropagationProbe.of(net, List.of(), true).depth());
    }

    /**
     * Linear -> BatchNorm -> tanh: strict mode told the user to pass the activation specs, doing so
     * failed with "use lenient mode", lenient alone with "no activation after it"; only both
     * together worked. Now strict initialization works alone, at tanh's EOC, and the probe measures
     * every Linear layer, its theory stopping at the first BatchNorm (BatchNormTest).
     */
    @Test
    void batchNormBetweenLinearAndActivationInitializesAndIsNotJudged() {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < 3; l++) {
            net.add(Linear.builder().setUnits(WIDTH).build())
                    .add(ai.djl.nn.norm.BatchNorm.builder().build())
                    .add(EocActivations.tanh());
        }
        net.add(Linear.builder().setUnits(10).build());
        List<LayerInit> set = EocInit.apply(net, EocInitOptions.withSeed(1));
        EocPoint tanh = EdgeOfChaos.of(dev.eoc.core.activation.Activations.tanh()).solve(0.2);
        assertEquals(4, set.size());
        for (LayerInit li : set) {
            assertEquals("tanh", li.activation());
            assertEquals(tanh.sigmaW(), li.sigmaW(), 1e-12);
        }
        assertEquals(4, PropagationProbe.of(net).depth(), "every Linear layer is probed");
    }
}
