package dev.eoc.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.diagnostics.LayerStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hand-written pipelined SGD step computes what DJL's Trainer (autograd + SGD optimizer)
 * computes: same losses and same parameters after several steps, for every supported activation,
 * and the networks it does not support keep the Trainer.
 */
class DjlPipelinedSgdTest {

    private static final int STEPS = 4;

    /** float32 rounding of two summation orders through 6 layers and 4 updates. */
    private static final double LOSS_TOLERANCE = 1e-5;

    private static final double PARAMETER_TOLERANCE = 1e-5;

    private static NetworkSpec spec(String activation, ActivationFunction a, InitScheme scheme) {
        InitPoint p = InitPoint.resolve(scheme, Framework.DJL, a, null, null);
        // lr 0.05 so that 4 steps move the weights well beyond rounding
        return new NetworkSpec(activation, 20, 6, 32, 3, p, 7, 0.05, 1000, null, Map.of());
    }

    private static <T> T withTrainerStep(Supplier<T> body) {
        String old = System.getProperty(DjlNetwork.TRAINER_PROPERTY);
        System.setProperty(DjlNetwork.TRAINER_PROPERTY, "true");
        try {
            return body.get();
        } finally {
            if (old == null) {
                System.clearProperty(DjlNetwork.TRAINER_PROPERTY);
            } else {
                System.setProperty(DjlNetwork.TRAINER_PROPERTY, old);
            }
        }
    }

    private record Trace(List<Double> losses, List<Integer> correct, List<float[]> params) {}

    private static Trace train(DjlNetwork net) {
        List<Double> losses = new ArrayList<>();
        List<Integer> correct = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            TrainableNetwork.StepResult r = net.step(DjlNetworkTest.batch(100 + i));
            losses.add(r.loss());
            correct.add(r.correct());
        }
        return new Trace(losses, correct, net.parameterValues());
    }

    /**
     * The pipelined step keeps its gradients off the parameters; before it handed them over, every
     * report said grad1=0 gradL=0 (the parameters' untouched gradient arrays). Now its norms equal
     * the Trainer's (which the listener reads from the parameters) to float rounding.
     */
    @Test
    void pipelinedStepHandsTheListenerTheTrainersGradientNorms() {
        NetworkSpec spec = spec("tanh", Activations.tanh(), InitScheme.EOC);
        List<Double> fast;
        try (DjlNetwork net = DjlNetwork.create(spec)) {
            assertTrue(net.pipelined());
            net.step(DjlNetworkTest.batch(100));
            fast = gradients(net);
        }
        List<Double> reference =
                withTrainerStep(
                        () -> {
                            try (DjlNetwork net = DjlNetwork.create(spec)) {
                                net.step(DjlNetworkTest.batch(100));
                                return gradients(net);
                            }
                        });
        assertEquals(reference.size(), fast.size());
        for (int l = 0; l < fast.size(); l++) {
            double e = reference.get(l);
            assertTrue(e > 0 && Double.isFinite(e), "Trainer's gradient of layer " + l + ": " + e);
            assertEquals(e, fast.get(l), 1e-4 * e, "gradient norm of layer " + (l + 1));
        }
    }

    private static List<Double> gradients(DjlNetwork net) {
        return net.listenerReports().get(0).snapshot().layers().stream()
                .map(LayerStatistics::gradientNorm)
                .toList();
    }

    /**
     * Losses and every parameter after 4 steps, with and without BatchNorm (whose gamma, beta and
     * running statistics are parameters too, so the hand-written BatchNorm backward pass and the
     * running-statistics update are compared as well).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = InitScheme.class,
            names = {"EOC", "EOC_BN"})
    void pipelinedStepsEqualDjlTrainerSteps(InitScheme scheme) {
        Map<String, ActivationFunction> supported =
                Map.of(
                        "tanh", Activations.tanh(),
                        "relu", Activations.relu(),
                        "elu", Activations.elu(1));
        supported.forEach(
                (activation, a) -> {
                    String name = activation + " " + scheme;
                    NetworkSpec spec = spec(activation, a, scheme);
                    Trace fast;
                    try (DjlNetwork net = DjlNetwork.create(spec)) {
                        assertTrue(net.pipelined(), name + " should use the pipelined step");
                        fast = train(net);
                    }
                    Trace reference =
                            withTrainerStep(
                                    () -> {
                                        try (DjlNetwork net = DjlNetwork.create(spec)) {
                                            assertFalse(net.pipelined());
                                            return train(net);
                                        }
                                    });
                    for (int i = 0; i < STEPS; i++) {
                        double expected = reference.losses().get(i);
                        assertEquals(
                                expected,
                                fast.losses().get(i),
                                LOSS_TOLERANCE * Math.abs(expected),
                                name + " loss of step " + i);
                    }
                    assertEquals(reference.correct(), fast.correct(), name);
                    assertEquals(reference.params().size(), fast.params().size());
                    double moved = 0;
                    for (int k = 0; k < fast.params().size(); k++) {
                        float[] e = reference.params().get(k);
                        float[] f = fast.params().get(k);
                        for (int j = 0; j < e.length; j++) {
                            assertEquals(
                                    e[j],
                                    f[j],
                                    PARAMETER_TOLERANCE * Math.max(1, Math.abs(e[j])),
                                    name + " parameter " + k + "[" + j + "]");
                        }
                    }
                    // the comparison means something only if training changed the parameters
                    Trace untrained;
                    try (DjlNetwork net = DjlNetwork.create(spec)) {
                        untrained = new Trace(List.of(), List.of(), net.parameterValues());
                    }
                    for (int k = 0; k < fast.params().size(); k++) {
                        float[] f = fast.params().get(k);
                        float[] u = untrained.params().get(k);
                        for (int j = 0; j < f.length; j++) {
                            moved = Math.max(moved, Math.abs(f[j] - u[j]));
                        }
                    }
                    assertTrue(moved > 1e-3, name + ": largest parameter change " + moved);
                });
    }

    @Test
    void networksItCannotTrainKeepTheTrainer() {
        try (DjlNetwork swish =
                        DjlNetwork.create(spec("swish", Activations.swish(1), InitScheme.EOC));
                DjlNetwork swishBn =
                        DjlNetwork.create(spec("swish", Activations.swish(1), InitScheme.EOC_BN));
                DjlNetwork elu2 =
                        DjlNetwork.create(spec("elu(2)", Activations.elu(2), InitScheme.EOC))) {
            assertFalse(swish.pipelined(), "swish has no output-form derivative here");
            assertFalse(swishBn.pipelined(), "nor with BatchNorm");
            assertFalse(elu2.pipelined(), "ELU with alpha != 1");
            assertTrue(Double.isFinite(swish.step(DjlNetworkTest.batch(1)).loss()));
        }
    }
}
