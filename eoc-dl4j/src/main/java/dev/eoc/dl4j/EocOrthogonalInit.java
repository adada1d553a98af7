package dev.eoc.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Orthogonal Edge-of-Chaos weight initialization: W = s Q with Q a Haar-random matrix with
 * orthonormal columns (fan_in &gt;= fan_out) or rows, scaled so that every entry has the Gaussian
 * initializer's variance sigma_w^2 / fan_in: s = sqrt(sigma_w^2 max(fan_in, fan_out) / fan_in)
 * (Saxe et al. 2014; Pennington, Schoenholz &amp; Ganguli 2017, "Resurrecting the sigmoid").
 *
 * <p>The mean-field maps (q_l, c_l) are those of the Gaussian initializer; orthogonality changes
 * only the spectrum of the input-output Jacobian. Q comes from the QR decomposition of an ND4J
 * Gaussian draw with the signs of R's diagonal folded in (Mezzadri 2007), so DL4J's configuration
 * seed fixes it. Costs O(n^3) per layer, done once on the JVM by {@link Orthogonal}.
 */
public final class EocOrthogonalInit extends EocWeightInit {

    private static final long serialVersionUID = 1L;

    /**
     * @param weightVariance sigma_w^2, finite and &gt; 0
     */
    @JsonCreator
    public EocOrthogonalInit(@JsonProperty("weightVariance") double weightVariance) {
        super(weightVariance);
    }

    @Override
    public INDArray init(
            double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length != 2) {
            throw new IllegalArgumentException(
                    "orthogonal EOC initialization is for [fan_in, fan_out] weight matrices, got shape "
                            + java.util.Arrays.toString(shape));
        }
        int rows = Math.toIntExact(Math.round(fanIn));
        int cols = Math.toIntExact(paramView.length() / rows);
        double[][] gaussian = Nd4j.randn(paramView.dataType(), rows, cols).toDoubleMatrix();
        double scale = Orthogonal.scale(variances(), rows, cols);
        double[][] q = Orthogonal.orthonormalize(gaussian);
        INDArray w = Nd4j.create(q).muli(scale).castTo(paramView.dataType());
        // assign through the [fan_in, fan_out] view in DL4J's order: assigning the 2-D matrix to
        // the flat view would lay it out in the wrong order
        INDArray target = paramView.reshape(order, shape);
        target.assign(w);
        return target;
    }
}
