package dev.eoc.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.diagnostics.PropagationDiagnosis;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's EOC + BN networks (Dense, BatchNormalization, ActivationLayer) in DL4J: every dense
 * layer is monitored, the theory stops at the first BatchNormalization, and after a backward pass
 * the measured gradients decide: a deep ReLU + BN network's explode (Yang et al. 2019) and the
 * diagnosis blames BatchNorm; a shallow tanh + BN network's stay within AUTOTRAINER's bound.
 */
class BatchNormTest {

    private static final int IN = 64;
    private static final int WIDTH = 128;

    static MultiLayerNetwork bnNet(int depth, Activation phi) {
        var list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list();
        int in = IN;
        for (int l = 0; l < depth; l++) {
            list.layer(
                            new DenseLayer.Builder()
                                    .nIn(in)
                                    .nOut(WIDTH)
                                    .activation(Activation.IDENTITY)
                                    .build())
                    .layer(new BatchNormalization.Builder().nOut(WIDTH).build())
                    .layer(new ActivationLayer(phi));
            in = WIDTH;
        }
        MultiLayerNetwork net =
                new MultiLayerNetwork(
                        list.layer(
                                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                                .nIn(WIDTH)
                                                .nOut(10)
                                                .activation(Activation.SOFTMAX)
                                                .build())
                                .build());
        net.init();
        EocInit.apply(net, EocInitOptions.withSeed(3));
        return net;
    }

    private static PropagationDiagnosis.Diagnosis diagnoseAfterABackwardPass(
            MultiLayerNetwork net, int depth) {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, IN);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int r = 0; r < 32; r++) {
            y.putScalar(r, r % 10, 1);
        }
        PropagationProbe probe = PropagationProbe.of(net);
        assertEquals(depth + 1, probe.depth(), "every dense layer is monitored");
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
        double[] gradients = probe.gradientNorms(net);
        PropagationSnapshot s = probe.measure(net, ProbeSet.pairsFrom(x, 4, 1), 1, gradients);
        assertTrue(s.theory().normalized());
        assertTrue(Double.isFinite(s.qTheory()[1]) && Double.isNaN(s.qTheory()[2]));
        return PropagationDiagnosis.of(s);
    }

    @Test
    void aDeepReluBatchNormNetworkIsNamedForItsExplodingGradients() {
        PropagationDiagnosis.Diagnosis d =
                diagnoseAfterABackwardPass(bnNet(40, Activation.RELU), 40);
        assertEquals(PropagationDiagnosis.Verdict.EXPLODING_GRADIENTS, d.verdict(), d.message());
        assertTrue(d.message().contains("BatchNorm"), d.message());
    }

    @Test
    void aShallowTanhBatchNormNetworkRaisesNoAlarm() {
        PropagationDiagnosis.Diagnosis d = diagnoseAfterABackwardPass(bnNet(6, Activation.TANH), 6);
        assertEquals(PropagationDiagnosis.Verdict.HEALTHY, d.verdict(), d.message());
    }
}
