package dev.eoc.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.PropagationReport;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** EocInit: per-layer statistics, mixed activations, errors, graphs, reproducibility. */
class EocInitTest {

    /** 5 standard errors: deterministic with the fixed seed, and a 6e-7 chance bound otherwise. */
    private static final double SIGMAS = 5;

    private static final long SEED = 7;

    @Test
    void everyLayerGetsTheEocPointOfTheActivationFeedingIt() {
        int width = 400;
        List<IActivation> hidden =
                List.of(
                        new ActivationTanH(),
                        new ActivationTanH(),
                        new ActivationELU(),
                        new ActivationReLU());
        MultiLayerNetwork net = Nets.mlp(300, width, hidden, 10, null, 1, 0.1);
        List<LayerInit> report = EocInit.apply(net, EocInitOptions.withSeed(SEED));

        // layer 0 is fed by the input: its own activation; then the previous layer's activation;
        // the identity output layer is fed by ReLU
        String[] expected = {"tanh", "tanh", "tanh", "elu", "relu"};
        assertEquals(expected.length, report.size());
        for (int i = 0; i < expected.length; i++) {
            LayerInit li = report.get(i);
            EocPoint p = EdgeOfChaos.of(Activations.parse(expected[i])).recommended();
            assertEquals(Activations.parse(expected[i]).spec(), li.activation());
            assertEquals(p.weightVariance(), li.variances().weightVariance(), 1e-12);
            assertStatistics(net, i, p.weightVariance(), p.biasVariance());
        }
    }

    /**
     * Issue 13 (2): ConvolutionLayer was refused. Its kernels [out, in, kh, kw] get the EOC point
     * of the activation feeding the next layer, with fan-in in x kh x kw; the dense layer after the
     * convolutions gets the point of their activation; the probe follows them (ConvolutionTest).
     */
    @Test
    void convolutionLayersGetTheEdgeOfChaosWithFanInChannelsTimesKernelArea() {
        MultiLayerNetwork net =
                new MultiLayerNetwork(
                        new NeuralNetConfiguration.Builder()
                                .seed(1)
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(
                                        new ConvolutionLayer.Builder(3, 3)
                                                .nIn(4)
                                                .nOut(32)
                                                .activation(new ActivationTanH())
                                                .build())
                                .layer(
                                        new ConvolutionLayer.Builder(3, 3)
                                                .nOut(32)
                                                .activation(new ActivationTanH())
                                                .build())
                                .layer(
                                        new DenseLayer.Builder()
                                                .nOut(64)
                                                .activation(new ActivationTanH())
                                                .build())
                                .layer(
                                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                                .nOut(10)
                                                .activation(new ActivationSoftmax())
                                                .build())
                                .setInputType(InputType.convolutional(12, 12, 4))
                                .build());
        net.init();
        List<LayerInit> set = EocInit.apply(net, EocInitOptions.withSeed(SEED));
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).recommended();
        assertEquals(4, set.size());
        assertEquals(4 * 9, set.get(0).fanIn());
        assertEquals(32 * 9, set.get(1).fanIn());
        for (int layer = 0; layer < 3; layer++) {
            INDArray w = net.getLayer(layer).getParam("W");
            long fanIn = set.get(layer).fanIn();
            double var =
                    w.castTo(DataType.DOUBLE)
                            .mul(w.castTo(DataType.DOUBLE))
                            .meanNumber()
                            .doubleValue();
            assertEquals(
                    p.weightVariance(),
                    var * fanIn,
                    SIGMAS * p.weightVariance() * Math.sqrt(2.0 / w.length()),
                    "layer " + layer);
        }
        assertEquals(4, PropagationProbe.of(net).depth(), "the probe follows convolutions too");
    }

    /**
     * Issue 15 (3): eoc overrides a configured XAVIER (DL4J's default too) without saying so. Each
     * layer now records what the configuration would have drawn, and one INFO line names it.
     */
    @Test
    void layersRecordTheConfiguredInitializationTheEdgeOfChaosReplaced() {
        MultiLayerNetwork xavier =
                Nets.mlp(
                        20,
                        30,
                        List.of(new ActivationTanH(), new ActivationTanH()),
                        5,
                        null,
                        1,
                        0.1);
        for (LayerInit li : EocInit.apply(xavier, EocInitOptions.withSeed(SEED))) {
            assertEquals("WeightInitXavier", li.replaced(), li.toString());
        }
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).recommended();
        MultiLayerNetwork eoc =
                Nets.mlp(
                        20,
                        30,
                        List.of(new ActivationTanH(), new ActivationTanH()),
                        5,
                        new EocNormalInit(p.weightVariance()),
                        1,
                        0.1);
        for (LayerInit li : EocInit.apply(eoc, EocInitOptions.withSeed(SEED))) {
            assertNull(li.replaced(), "an EocWeightInit configuration is not 'replaced'");
        }
    }

    /**
     * DropoutLayer and BatchNormalization carry a configured activation (an inherited SIGMOID) that
     * DL4J never applies (checked on M2.1: their output equals their input). Before the fix the
     * Dense after a dropout got sigmoid's EOC point (std(W) sqrt(fan_in) = 10.17 instead of tanh's
     * 1.30) and the listener's theory followed sigmoid.
     */
    @Test
    void layersWithoutAnActivationOfTheirOwnPassTheFeedingActivationThrough() {
        int width = 300;
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder()
                        .seed(1)
                        .dataType(DataType.FLOAT)
                        .activation(org.nd4j.linalg.activations.Activation.SIGMOID)
                        .list();
        b.layer(
                new DenseLayer.Builder()
                        .nIn(width)
                        .nOut(width)
                        .activation(new ActivationTanH())
                        .build());
        b.layer(new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(0.9).build());
        for (int l = 0; l < 3; l++) {
            b.layer(
                    new DenseLayer.Builder()
                            .nIn(width)
                            .nOut(width)
                            .activation(new ActivationTanH())
                            .build());
        }
        b.layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(width)
                        .nOut(10)
                        .activation(new ActivationSoftmax())
                        .build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        EocInit.apply(net, EocInitOptions.withSeed(SEED));
        EocPoint tanh = EdgeOfChaos.of(Activations.tanh()).recommended();
        for (int layer : new int[] {0, 2, 3, 4, 5}) {
            assertStatistics(net, layer, tanh.weightVariance(), tanh.biasVariance());
        }
        // and the probe's theory follows tanh through the dropout
        PropagationReport r =
                PropagationReport.of(
                        PropagationProbe.measure(
                                net, ProbeSet.correlatedPairs(width, 4, 1, 0.5, 3)),
                        dev.eoc.core.diagnostics.TrainingProgress.INITIALIZATION);
        assertEquals("tanh", r.snapshot().layers().get(1).activation());
        assertFalse(r.diagnosis().isWarning(), r.line() + " " + r.diagnosis().message());
    }

    /**
     * The paper's EOC + BN network in DL4J: Dense (identity), BatchNormalization, ActivationLayer
     * (tanh). The README said BatchNormalization in between was supported; EocInit refused it
     * ("layer type BatchNormalization is not supported"). Now the Dense layers after an activation
     * layer get tanh's point and BatchNormalization keeps DL4J's gamma = 1, beta = 0.
     */
    @Test
    void batchNormalizationBetweenDenseAndActivationKeepsItsParametersAndIsPassedOver() {
        int width = 300;
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list();
        for (int l = 0; l < 3; l++) {
            b.layer(
                    new DenseLayer.Builder()
                            .nIn(width)
                            .nOut(width)
                            .activation(new org.nd4j.linalg.activations.impl.ActivationIdentity())
                            .build());
            b.layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().build());
            b.layer(
                    new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                            .activation(new ActivationTanH())
                            .build());
        }
        b.layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(width)
                        .nOut(10)
                        .activation(new ActivationSoftmax())
                        .build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        List<LayerInit> inits = EocInit.apply(net, EocInitOptions.withSeed(SEED));
        EocPoint tanh = EdgeOfChaos.of(Activations.tanh()).recommended();
        for (int layer : new int[] {3, 6, 9}) {
            assertStatistics(net, layer, tanh.weightVariance(), tanh.biasVariance());
        }
        for (int layer : new int[] {1, 4, 7}) {
            org.nd4j.linalg.api.ndarray.INDArray gamma = net.getLayer(layer).getParam("gamma");
            org.nd4j.linalg.api.ndarray.INDArray beta = net.getLayer(layer).getParam("beta");
            assertEquals(width, gamma.length());
            assertEquals(1.0, gamma.minNumber().doubleValue(), 0);
            assertEquals(1.0, gamma.maxNumber().doubleValue(), 0);
            assertEquals(0.0, beta.amaxNumber().doubleValue(), 0);
            assertTrue(
                    String.valueOf(inits.get(layer).skipped()).contains("BatchNormalization"),
                    inits.get(layer).toString());
        }
    }

    @Test
    void userSigmaBSolvesTheEocAndUserPairIsUsedAsGiven() {
        MultiLayerNetwork net = Nets.mlp(200, 300, 2, new ActivationTanH(), 5, 1);
        List<LayerInit> r = EocInit.apply(net, EocInitOptions.withSeed(SEED).atSigmaB(0.5));
        EocPoint p = EdgeOfChaos.solve(Activations.tanh(), 0.5);
        assertEquals(p.sigmaW(), r.get(1).point().sigmaW(), 1e-12);
        assertStatistics(net, 1, p.weightVariance(), p.biasVariance());

        r = EocInit.apply(net, EocInitOptions.withSeed(SEED).at(1, 1));
        assertNull(r.get(1).point());
        assertStatistics(net, 1, 1, 1);
    }

    @Test
    void sameSeedSameParametersOtherSeedOthers() {
        MultiLayerNetwork a = Nets.mlp(50, 40, 3, new ActivationTanH(), 5, 1);
        MultiLayerNetwork b = Nets.mlp(50, 40, 3, new ActivationTanH(), 5, 2);
        EocInit.apply(a, EocInitOptions.withSeed(SEED));
        EocInit.apply(b, EocInitOptions.withSeed(SEED));
        assertEquals(a.params(), b.params());
        EocInit.apply(b, EocInitOptions.withSeed(SEED + 1));
        assertNotEquals(a.params(), b.params());
    }

    @Test
    void orthogonalOptionGivesOrthogonalLayers() {
        MultiLayerNetwork net = Nets.mlp(120, 120, 2, new ActivationTanH(), 5, 1);
        EocInit.apply(net, EocInitOptions.withSeed(SEED).withOrthogonalWeights());
        INDArray w = net.getLayer(1).getParam("W").castTo(DataType.DOUBLE);
        double s2 = EdgeOfChaos.of(Activations.tanh()).recommended().weightVariance();
        INDArray gram = w.transpose().mmul(w).divi(s2);
        // float storage, 120-term sums: rounding below 1e-5
        assertTrue(
                gram.sub(Nd4j.eye(120).castTo(DataType.DOUBLE)).amaxNumber().doubleValue() < 1e-5);
    }

    @Test
    void unsupportedActivationIsAClearErrorOrSkippedWhenLenient() {
        MultiLayerNetwork net =
                Nets.mlp(
                        20,
                        30,
                        List.of(new ActivationTanH(), new ActivationCube()),
                        5,
                        null,
                        1,
                        0.1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EocInit.apply(net, EocInitOptions.withSeed(SEED)));
        // layer 2 (the output layer) is fed by the cube activation of layer 1
        assertTrue(e.getMessage().contains("layer 2"), e.getMessage());
        assertTrue(e.getMessage().contains("OutputLayer"), e.getMessage());
        assertTrue(e.getMessage().contains("cube"), e.getMessage());
        assertTrue(e.getMessage().contains("ActivationTanH"), e.getMessage());

        INDArray before = net.getLayer(2).getParam("W").dup();
        List<LayerInit> r = EocInit.apply(net, EocInitOptions.withSeed(SEED).asLenient());
        assertTrue(r.get(1).initialized());
        assertFalse(r.get(2).initialized());
        assertEquals(before, net.getLayer(2).getParam("W"));
    }

    @Test
    void reluWithPositiveSigmaBIsAClearError() {
        MultiLayerNetwork net = Nets.mlp(20, 30, 2, new ActivationReLU(), 5, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EocInit.apply(net, EocInitOptions.withSeed(SEED).atSigmaB(0.3)));
        assertTrue(e.getMessage().contains("layer 0"), e.getMessage());
        assertTrue(e.getMessage().contains("sigma_b = 0"), e.getMessage());
    }

    @Test
    void uninitializedNetworkIsAClearError() {
        MultiLayerNetwork net =
                new MultiLayerNetwork(
                        Nets.mlp(4, 4, 1, new ActivationTanH(), 2, 1).getLayerWiseConfigurations());
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> EocInit.apply(net, EocInitOptions.withSeed(SEED)));
        assertTrue(e.getMessage().contains("init()"), e.getMessage());
    }

    /**
     * Dense(identity) -> ElementWiseVertex(Add) with a skip path -> ActivationLayer(tanh) blocks
     * used to be read as a plain chain in strict mode, the skip paths ignored, and the listener
     * called the net healthy (q_L 0.78 vs theory 0.51). Now the residual block is initialized on
     * the Edge of Chaos, and the probe, which cannot follow the activated stream (tanh(h) plus a
     * branch is not Gaussian), follows only the chain before the merge.
     */
    @Test
    void aResidualGraphWithAnActivatedStreamIsInitializedAndProbedBeforeTheMerge() {
        int width = 32;
        var g =
                new NeuralNetConfiguration.Builder()
                        .seed(3)
                        .dataType(DataType.FLOAT)
                        .graphBuilder()
                        .addInputs("in")
                        .addLayer(
                                "d0",
                                new DenseLayer.Builder()
                                        .nIn(width)
                                        .nOut(width)
                                        .activation(new ActivationTanH())
                                        .build(),
                                "in")
                        .addLayer(
                                "d1",
                                new DenseLayer.Builder()
                                        .nIn(width)
                                        .nOut(width)
                                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                                        .build(),
                                "d0")
                        .addVertex(
                                "add",
                                new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add),
                                "d1",
                                "d0")
                        .addLayer(
                                "act",
                                new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                                        .activation(new ActivationTanH())
                                        .build(),
                                "add")
                        .addLayer(
                                "d2",
                                new DenseLayer.Builder()
                                        .nIn(width)
                                        .nOut(width)
                                        .activation(new ActivationTanH())
                                        .build(),
                                "act")
                        .addLayer(
                                "out",
                                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .nIn(width)
                                        .nOut(2)
                                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                                        .build(),
                                "d2")
                        .setOutputs("out")
                        .build();
        ComputationGraph graph = new ComputationGraph(g);
        graph.init();
        List<LayerInit> set = EocInit.apply(graph, EocInitOptions.withSeed(SEED));
        assertEquals(
                List.of("d0", "d1", "d2", "out"),
                set.stream().filter(li -> li.variances() != null).map(LayerInit::name).toList());
        // the probe follows only the chain before the merge: d0, d1
        PropagationProbe probe = PropagationProbe.of(graph);
        assertEquals(2, probe.depth());
    }

    @Test
    void computationGraphLayersAreInitializedInTopologicalOrder() {
        ComputationGraphConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(3)
                        .dataType(DataType.FLOAT)
                        .graphBuilder()
                        .addInputs("in")
                        .addLayer(
                                "h1",
                                new DenseLayer.Builder()
                                        .nIn(200)
                                        .nOut(300)
                                        .activation(new ActivationELU())
                                        .build(),
                                "in")
                        .addLayer(
                                "h2",
                                new DenseLayer.Builder()
                                        .nIn(300)
                                        .nOut(300)
                                        .activation(new ActivationTanH())
                                        .build(),
                                "h1")
                        .addLayer(
                                "out",
                                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                        .nIn(300)
                                        .nOut(10)
                                        .activation(new ActivationSoftmax())
                                        .build(),
                                "h2")
                        .setOutputs("out")
                        .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        List<LayerInit> r = EocInit.apply(graph, EocInitOptions.withSeed(SEED));
        assertEquals(List.of("h1", "h2", "out"), r.stream().map(LayerInit::name).toList());
        // h2 is fed by ELU, out by tanh (softmax needs no EOC point: nothing follows it)
        EocPoint elu = EdgeOfChaos.of(Activations.elu(1)).recommended();
        EocPoint tanh = EdgeOfChaos.of(Activations.tanh()).recommended();
        assertEquals(elu.weightVariance(), r.get(1).variances().weightVariance(), 1e-12);
        assertEquals(tanh.weightVariance(), r.get(2).variances().weightVariance(), 1e-12);
        INDArray w = graph.getLayer("h2").getParam("W");
        assertEquals(
                elu.weightVariance(),
                300 * w.var(false).getDouble(0),
                SIGMAS * elu.weightVariance() * Math.sqrt(2.0 / w.length()));
    }

    /**
     * fan_in Var(W) within 5 SE of sigma_w^2 (SE = sigma_w^2 sqrt(2/n) for n Gaussian entries); the
     * bias mean within 5 SE = 5 sigma_b / sqrt(n_b) of 0 and its variance within 5 sigma_b^2
     * sqrt(2/n_b) of sigma_b^2.
     */
    private static void assertStatistics(
            MultiLayerNetwork net, int layer, double weightVariance, double biasVariance) {
        INDArray w = net.getLayer(layer).getParam("W").castTo(DataType.DOUBLE);
        INDArray b = net.getLayer(layer).getParam("b").castTo(DataType.DOUBLE);
        long fanIn = w.size(0);
        double n = w.length();
        assertEquals(
                weightVariance,
                fanIn * w.var(false).getDouble(0),
                SIGMAS * weightVariance * Math.sqrt(2 / n),
                "layer " + layer + " weights");
        double nb = b.length();
        assertEquals(
                0,
                b.meanNumber().doubleValue(),
                SIGMAS * Math.sqrt(biasVariance / nb) + 1e-12,
                "layer " + layer + " bias mean");
        assertEquals(
                biasVariance,
                b.var(false).getDouble(0),
                SIGMAS * biasVariance * Math.sqrt(2 / nb) + 1e-12,
                "layer " + layer + " bias variance");
    }
}
