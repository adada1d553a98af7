package dev.eoc.examples.train;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Counts the rows a training step classifies correctly before its update, from the step's own
 * forward pass: DL4J's {@code computeGradientAndScore} hands listeners the activations up to the
 * output layer's input h ({@code onForwardPass}) before back-propagation, and arg max softmax(h W +
 * b) = arg max (h W + b), so one [rows x width] x [width x classes] product replaces a second
 * forward pass through the whole network.
 */
final class Dl4jStepListener extends BaseTrainingListener {

    private int[] labels;
    private int correct = -1;

    /** Arms the listener for the next training forward pass, with that batch's labels. */
    void expect(int[] batchLabels) {
        labels = batchLabels;
        correct = -1;
    }

    /**
     * The count of the armed step.
     *
     * @throws IllegalStateException when DL4J did not report the forward pass
     */
    int takeCorrect() {
        if (correct < 0) {
            throw new IllegalStateException(
                    "DL4J did not report the training forward pass to the listener");
        }
        int c = correct;
        correct = -1;
        return c;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (labels == null || !(model instanceof MultiLayerNetwork net)) {
            return;
        }
        Layer out = net.getOutputLayer();
        // the activations live in DL4J's training workspace: compute outside it, keep only ints
        MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces();
        try {
            INDArray h = activations.get(activations.size() - 1);
            if (h.rank() > 2) { // a convolution's maps: the output layer reads them flattened
                h = h.reshape('c', h.size(0), h.length() / h.size(0));
            }
            INDArray logits = h.mmul(out.getParam(DefaultParamInitializer.WEIGHT_KEY));
            logits.addiRowVector(out.getParam(DefaultParamInitializer.BIAS_KEY));
            int[] predicted = Nd4j.argMax(logits, 1).toIntVector();
            int c = 0;
            for (int r = 0; r < predicted.length; r++) {
                if (predicted[r] == labels[r]) {
                    c++;
                }
            }
            correct = c;
        } finally {
            outside.close();
        }
        labels = null;
    }
}
