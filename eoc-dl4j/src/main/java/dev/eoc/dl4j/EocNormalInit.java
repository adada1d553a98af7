package dev.eoc.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Gaussian Edge-of-Chaos weight initialization: W_ij ~ N(0, sigma_w^2 / fan_in) (Poole et al. 2016;
 * Schoenholz et al. 2017, section 2), with sigma_w^2 typically an Edge-of-Chaos point's {@code
 * weightVariance()}.
 *
 * <p>Draws from ND4J's random generator, which DL4J seeds from the configuration's {@code
 * seed(...)} at {@code init()}: the same configuration gives the same weights. Serializable in
 * DL4J's JSON configuration (the weight variance is its only state), so it survives {@code
 * toJson()}/{@code fromJson()} and {@code ModelSerializer}. DL4J can only set biases to a constant:
 * use {@link EocInit} to draw b_i ~ N(0, sigma_b^2) as well.
 */
public final class EocNormalInit extends EocWeightInit {

    private static final long serialVersionUID = 1L;

    /**
     * @param weightVariance sigma_w^2, finite and &gt; 0
     */
    @JsonCreator
    public EocNormalInit(@JsonProperty("weightVariance") double weightVariance) {
        super(weightVariance);
    }

    @Override
    public INDArray init(
            double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        double std = variances().weightStd(Math.round(fanIn));
        Nd4j.randn(paramView).muli(std);
        return paramView.reshape(order, shape);
    }
}
