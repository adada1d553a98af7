package dev.eoc.dl4j;

import dev.eoc.core.meanfield.SignalPath;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the probe needs of a DL4J {@link ConvolutionLayer}: its step on the theory's signal path
 * (eoc-core's {@link SignalPath.Convolution}: kernel, stride, dilation, padding or "same"), its
 * pre-activations W * x + b (computed with ND4J's conv2d op on the layer's own parameters, weights
 * [out, in, kh, kw]), and why the theory cannot follow it, if it cannot.
 */
final class ConvolutionStage {

    private ConvolutionStage() {}

    /**
     * Why the theory cannot follow this convolution stage, or null when it can: NCHW data, and a
     * convolution mode of Truncate, Strict or Same (Causal pads one side only).
     */
    static String stop(DenseStage s) {
        ConvolutionLayer conf = (ConvolutionLayer) s.layer().conf().getLayer();
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            return s.describe()
                    + " has data format "
                    + conf.getCnn2dDataFormat()
                    + "; the probe follows NCHW convolutions (DL4J's default)";
        }
        if (conf.getConvolutionMode() == ConvolutionMode.Causal) {
            return s.describe()
                    + " has convolution mode Causal; the probe follows Truncate, Strict and Same";
        }
        return null;
    }

    /** The layer's step on the signal path. */
    static SignalPath.Convolution step(Layer layer) {
        ConvolutionLayer conf = (ConvolutionLayer) layer.conf().getLayer();
        return new SignalPath.Convolution(
                conf.getKernelSize(),
                conf.getStride(),
                conf.getDilation(),
                conf.getPadding(),
                conf.getConvolutionMode() == ConvolutionMode.Same);
    }

    /** Input channels x kernel area: the fan-in DL4J's weight initializers use. */
    static long fanIn(INDArray weights) {
        return weights.size(1) * weights.size(2) * weights.size(3);
    }

    /** W * x + b for images x of shape [n, in, h, w]. */
    static INDArray preActivation(Layer layer, INDArray images) {
        ConvolutionLayer conf = (ConvolutionLayer) layer.conf().getLayer();
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        int[] p = conf.getPadding();
        int[] d = conf.getDilation();
        Conv2DConfig config =
                Conv2DConfig.builder()
                        .kH(k[0])
                        .kW(k[1])
                        .sH(s[0])
                        .sW(s[1])
                        .pH(p[0])
                        .pW(p[1])
                        .dH(d[0])
                        .dW(d[1])
                        .paddingMode(
                                conf.getConvolutionMode() == ConvolutionMode.Same
                                        ? PaddingMode.SAME
                                        : PaddingMode.VALID)
                        .dataFormat("NCHW")
                        .weightsFormat(WeightsFormat.OIYX)
                        .build();
        INDArray w = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray b = layer.getParam(ConvolutionParamInitializer.BIAS_KEY);
        INDArray x = images.castTo(w.dataType());
        return b == null
                ? Nd4j.cnn().conv2d(x, w, config)
                : Nd4j.cnn().conv2d(x, w, b.reshape(b.length()), config);
    }

    /**
     * The network's input as images [n, channels, h, w]: as it is when already 4-D, else through
     * the first layer's {@link FeedForwardToCnnPreProcessor} (e.g. {@code
     * InputType.convolutionalFlat}).
     *
     * @throws IllegalArgumentException for flat input without such a preprocessor
     */
    static INDArray images(INDArray input, InputPreProcessor first) {
        if (input.rank() == 4) {
            return input;
        }
        if (first instanceof FeedForwardToCnnPreProcessor p) {
            return input.reshape(
                    'c', input.size(0), p.getNumChannels(), p.getInputHeight(), p.getInputWidth());
        }
        throw new IllegalArgumentException(
                "the probe inputs have shape "
                        + java.util.Arrays.toString(input.shape())
                        + " and the first convolution has no FeedForwardToCnnPreProcessor to read"
                        + " them as images; give probe images of shape [n, channels, height,"
                        + " width] or set the network's InputType (convolutionalFlat)");
    }
}
