package dev.eoc.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.EmpiricalStatistics;
import dev.eoc.core.diagnostics.PropagationDiagnosis;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.ResidualMeanField;
import dev.eoc.core.meanfield.Trajectory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Residual networks in DJL: {@link ResidualBlock}s and users' own ParallelBlocks of a branch and an
 * identity are initialized on the Edge of Chaos and followed by the probe with the residual
 * mean-field maps; other ParallelBlocks are refused by name.
 */
class ResidualTest {

    private static final double STANDARD_ERRORS = 5;

    /** Seeds' mean c_l within the single-machine theory-match bound (TheoryMatchTest). */
    private static final double C_TOLERANCE = 0.03;

    private static final int WIDTH = 1000;

    /** Embedding Linear, then {@code blocks} x ResidualBlock(tanh, Linear) with scale alpha. */
    static SequentialBlock resMlp(int width, int blocks, double alpha, boolean own) {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(width).build());
        for (int b = 0; b < blocks; b++) {
            SequentialBlock branch =
                    new SequentialBlock()
                            .add(EocActivations.tanh())
                            .add(Linear.builder().setUnits(width).build());
            net.add(own ? sumBlock(branch) : ResidualBlock.of(branch, alpha));
        }
        return net;
    }

    /** A user's own residual block: ParallelBlock(branch, identity) joined by a sum. */
    static ParallelBlock sumBlock(Block branch) {
        return new ParallelBlock(
                list ->
                        new NDList(
                                list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                List.of(branch, Blocks.identityBlock()));
    }

    /**
     * Inside a real Trainer, every Linear layer, the branches' included, has tanh's EOC weight and
     * bias variance within 5 standard errors of the sample variance.
     */
    @Test
    void everyLinearLayerOfAResidualNetworkIsOnTheEdgeOfChaos() {
        SequentialBlock net = resMlp(400, 3, 0.5, false);
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).solve(0.2);
        try (Model model = Model.newInstance("res")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                List<LayerInit> set = EocInit.apply(trainer, EocInitOptions.withSeed(7));
                trainer.initialize(new Shape(4, 400));
                assertEquals(4, set.size());
                assertEquals(
                        List.of("0", "1/0/1", "2/0/1", "3/0/1"),
                        set.stream().map(LayerInit::path).toList());
                for (Linear linear : linears(net)) {
                    NDArray w = linear.getParameters().get("weight").getArray();
                    float[] b = linear.getParameters().get("bias").getArray().toFloatArray();
                    double n = w.size();
                    assertEquals(
                            p.weightVariance(),
                            EmpiricalStatistics.weightVariance(
                                    w.toFloatArray(), w.getShape().get(1)),
                            STANDARD_ERRORS * p.weightVariance() * Math.sqrt(2 / n));
                    assertEquals(
                            p.biasVariance(),
                            EmpiricalStatistics.biasVariance(b),
                            STANDARD_ERRORS * p.biasVariance() * Math.sqrt(2.0 / b.length));
                }
            }
        }
    }

    /**
     * Width 1000, an embedding and 12 residual tanh blocks (ResidualBlock with alpha = 0.5, and a
     * user's own ParallelBlock sum, alpha = 1), 6 seeds x 4 pairs: the measured c_l of every Linear
     * output, averaged over seeds, within 0.03 of the nominal residual theory (the stream from
     * {@link ResidualMeanField}, each branch output q = F(q_y), c = (sigma_b^2 + sigma_w^2 C) /
     * F(q_y)), and the probe's own theory for the actual weights names it healthy.
     */
    @Test
    void theProbeFollowsTheResidualMapsOfAWideNetwork() {
        check(0.5, false);
        check(1.0, true);
    }

    private static void check(double alpha, boolean own) {
        int blocks = 12;
        int seeds = 6;
        ActivationFunction tanh = Activations.tanh();
        EocPoint p = EdgeOfChaos.of(tanh).solve(0.2);
        double[] mean = new double[blocks + 2];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int seed = 1; seed <= seeds; seed++) {
                SequentialBlock net = resMlp(WIDTH, blocks, alpha, own);
                EocInit.apply(net, EocInitOptions.withSeed(seed));
                Networks.initialize(net, manager, WIDTH);
                NDList pairs = new NDList();
                for (int k = 0; k < 4; k++) {
                    pairs.add(Networks.pair(manager, WIDTH, p.qStar(), 0.5, 100 * seed + k));
                }
                PropagationSnapshot s =
                        PropagationProbe.of(net).measure(NDArrays.concat(pairs), 0, false);
                assertTrue(s.theory().residual());
                assertEquals(
                        PropagationDiagnosis.Verdict.HEALTHY,
                        PropagationDiagnosis.of(s).verdict(),
                        PropagationDiagnosis.of(s).message());
                double[] c = s.cEmpirical();
                for (int l = 1; l <= blocks + 1; l++) {
                    mean[l] += c[l] / seeds;
                }
                net.clear();
            }
        }
        InitVariances v = new InitVariances(p.weightVariance(), p.biasVariance());
        double q1 = p.biasVariance() + p.weightVariance() * p.qStar();
        double c1 = (p.biasVariance() + p.weightVariance() * p.qStar() * 0.5) / q1;
        Trajectory stream = ResidualMeanField.of(tanh, v, alpha).propagate(q1, c1, blocks);
        MeanField plain = MeanField.of(tanh, v);
        assertEquals(c1, mean[1], C_TOLERANCE, "embedding");
        for (int b = 1; b <= blocks; b++) {
            double q = plain.varianceMap(stream.q()[b - 1]);
            double c = plain.covariance(stream.q()[b - 1], stream.c()[b - 1]) / q;
            assertEquals(c, mean[b + 1], C_TOLERANCE, "alpha " + alpha + ", block " + b);
        }
    }

    /** A ParallelBlock that concatenates its branches is no residual block: refused by name. */
    @Test
    void aParallelBlockThatDoesNotAddAnIdentityIsRefusedByName() {
        SequentialBlock a = new SequentialBlock().add(Linear.builder().setUnits(8).build());
        SequentialBlock b = new SequentialBlock().add(Linear.builder().setUnits(8).build());
        Function<List<NDList>, NDList> concat =
                list ->
                        new NDList(
                                NDArrays.concat(
                                        new NDList(
                                                list.get(0).singletonOrThrow(),
                                                list.get(1).singletonOrThrow()),
                                        -1));
        SequentialBlock twoBranches =
                new SequentialBlock().add(new ParallelBlock(concat, List.of(a, b)));
        SequentialBlock concatenated =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(8).build())
                        .add(EocActivations.tanh())
                        .add(new ParallelBlock(concat, List.of(b, Blocks.identityBlock())));
        for (boolean lenient : new boolean[] {false, true}) {
            EocInitOptions options =
                    lenient ? EocInitOptions.withSeed(1).asLenient() : EocInitOptions.withSeed(1);
            IllegalArgumentException noIdentity =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> EocInit.apply(twoBranches, options));
            assertTrue(
                    noIdentity.getMessage().contains("ParallelBlock 0")
                            && noIdentity
                                    .getMessage()
                                    .contains("neither of its two children is an identity")
                            && noIdentity.getMessage().contains("ResidualBlock.of"),
                    noIdentity.getMessage());
            IllegalArgumentException notASum =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> EocInit.apply(concatenated, options));
            assertTrue(
                    notASum.getMessage().contains("ParallelBlock 2")
                            && notASum.getMessage().contains("join is not y + alpha branch(y)"),
                    notASum.getMessage());
        }
    }

    /**
     * y + tanh(W y + b): initialized (the Linear at tanh's point), but its branch ends with an
     * activation, whose output the theory does not follow: the probe refuses by name, and the
     * advice (lenient mode) probes the layers before the block.
     */
    @Test
    void aPostActivationBranchIsInitializedButNotJudged() {
        SequentialBlock branch =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(WIDTH).build())
                        .add(EocActivations.tanh());
        SequentialBlock net =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(WIDTH).build())
                        .add(EocActivations.tanh())
                        .add(sumBlock(branch))
                        .add(Linear.builder().setUnits(10).build());
        List<LayerInit> set = EocInit.apply(net, EocInitOptions.withSeed(1));
        assertEquals(3, set.size());
        assertEquals("2/0/0", set.get(1).path());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PropagationProbe.of(net));
        assertTrue(
                e.getMessage().contains("residual block 2's branch ends with an activation")
                        && e.getMessage().contains("optLenient(true)"),
                e.getMessage());
        assertEquals(1, PropagationProbe.of(net, List.of(), true).depth());
    }

    /**
     * Linear, tanh, then y + W y: the stream is tanh(h) plus a Gaussian, and the next tanh of it
     * has no mean-field map, so the Linear after it cannot be predicted: refused by name, lenient
     * probes the two Linear layers before it.
     */
    @Test
    void anActivatedStreamIsNotJudged() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(64).build())
                        .add(EocActivations.tanh())
                        .add(ResidualBlock.of(Linear.builder().setUnits(64).build()))
                        .add(EocActivations.tanh())
                        .add(Linear.builder().setUnits(10).build());
        assertEquals(3, EocInit.apply(net, EocInitOptions.withSeed(1)).size());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PropagationProbe.of(net));
        assertTrue(
                e.getMessage()
                        .contains(
                                "block 4 of type Linear receives a signal that"
                                        + " is not Gaussian"),
                e.getMessage());
        assertEquals(2, PropagationProbe.of(net, List.of(), true).depth());
    }

    @Test
    void aBadBranchScaleIsRefusedWithTheValue() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ResidualBlock.of(new SequentialBlock(), -1));
        assertTrue(e.getMessage().contains("got -1.0"), e.getMessage());
    }

    private static List<Linear> linears(Block block) {
        List<Linear> out = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            if (child instanceof Linear l) {
                out.add(l);
            } else {
                out.addAll(linears(child));
            }
        }
        return out;
    }
}
