package dev.eoc.examples.check;

import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.dl4j.Dl4jActivations;
import dev.eoc.dl4j.EocInit;
import dev.eoc.dl4j.EocInitOptions;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.PropagationProbe;
import dev.eoc.examples.train.Architecture;
import dev.eoc.examples.train.Dl4jResidualGraph;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link FrameworkProbe} for DL4J (ND4J CPU backend), built on eoc-dl4j: {@code depth} {@code
 * DenseLayer}s of {@code width} units, float, parameters set by {@code EocInit} at the given
 * (sigma_b, sigma_w), statistics from {@code PropagationProbe}.
 */
final class Dl4jProbe implements FrameworkProbe {

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public PropagationSnapshot propagate(
            String activationSpec,
            Architecture arch,
            int width,
            int depth,
            InitVariances variances,
            long seed,
            float[][] inputs) {
        IActivation activation = Dl4jActivations.toDl4j(Dl4jActivations.parse(activationSpec));
        if (arch.residual()) {
            return residual(activation, arch.branchScale(), width, depth, variances, seed, inputs);
        }
        NeuralNetConfiguration.ListBuilder layers =
                new NeuralNetConfiguration.Builder()
                        .seed(seed)
                        .dataType(DataType.FLOAT)
                        // every parameter is overwritten below: a constant skips DL4J's own draw
                        .weightInit(new WeightInitConstant(0.0))
                        .list();
        for (int l = 0; l < depth; l++) {
            layers.layer(
                    new DenseLayer.Builder().nIn(width).nOut(width).activation(activation).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        EocInit.apply(
                net, EocInitOptions.withSeed(seed).at(variances.sigmaB(), variances.sigmaW()));
        return PropagationProbe.measure(net, new ProbeSet(Nd4j.create(inputs)));
    }

    /** The residual MLP of {@link Dl4jResidualGraph} without an output layer. */
    private static PropagationSnapshot residual(
            IActivation activation,
            double alpha,
            int width,
            int depth,
            InitVariances variances,
            long seed,
            float[][] inputs) {
        ComputationGraph graph =
                new ComputationGraph(
                        Dl4jResidualGraph.configuration(
                                width, width, depth, activation, alpha, 0, seed, 0.01));
        graph.init();
        EocInit.apply(
                graph, EocInitOptions.withSeed(seed).at(variances.sigmaB(), variances.sigmaW()));
        return PropagationProbe.of(graph)
                .measure(graph, new ProbeSet(Nd4j.create(inputs)), 0, null);
    }
}
