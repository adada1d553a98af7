package dev.eoc.dl4j;

import dev.eoc.core.meanfield.InitVariances;
import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What the Edge-of-Chaos weight initializers share: their only state, sigma_w^2 (validated by
 * {@link InitVariances}), serialized as {@code weightVariance} in DL4J's JSON configuration, and
 * value equality per concrete class.
 */
abstract class EocWeightInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    private final double weightVariance;

    EocWeightInit(double weightVariance) {
        this.weightVariance = new InitVariances(weightVariance, 0).weightVariance();
    }

    /** sigma_w^2. */
    @JsonProperty("weightVariance")
    public double weightVariance() {
        return weightVariance;
    }

    /** sigma_w^2 with sigma_b = 0, for the per-weight scale. */
    InitVariances variances() {
        return new InitVariances(weightVariance, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o != null
                && o.getClass() == getClass()
                && Double.compare(weightVariance, ((EocWeightInit) o).weightVariance) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), weightVariance);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(weightVariance=" + weightVariance + ")";
    }
}
