package dev.eoc.core.meanfield;

/**
 * Initialization variances of a fully connected layer: W_ij ~ N(0, weightVariance / fanIn), b_i ~
 * N(0, biasVariance), i.e. sigma_w^2 and sigma_b^2 of Poole et al. 2016 and Schoenholz et al. 2017.
 *
 * @param weightVariance sigma_w^2, finite and &gt; 0
 * @param biasVariance sigma_b^2, finite and &gt;= 0
 */
public record InitVariances(double weightVariance, double biasVariance) {

    public InitVariances {
        if (!(weightVariance > 0) || Double.isInfinite(weightVariance)) {
            throw new IllegalArgumentException(
                    "weight variance sigma_w^2 must be finite and > 0, got " + weightVariance);
        }
        if (!(biasVariance >= 0) || Double.isInfinite(biasVariance)) {
            throw new IllegalArgumentException(
                    "bias variance sigma_b^2 must be finite and >= 0, got " + biasVariance);
        }
    }

    /** From standard deviations sigma_w &gt; 0 and sigma_b &gt;= 0. */
    public static InitVariances ofStd(double sigmaW, double sigmaB) {
        if (!(sigmaW > 0) || Double.isInfinite(sigmaW)) {
            throw new IllegalArgumentException("sigma_w must be finite and > 0, got " + sigmaW);
        }
        if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
            throw new IllegalArgumentException("sigma_b must be finite and >= 0, got " + sigmaB);
        }
        return new InitVariances(sigmaW * sigmaW, sigmaB * sigmaB);
    }

    /** sigma_w. */
    public double sigmaW() {
        return Math.sqrt(weightVariance);
    }

    /** sigma_b. */
    public double sigmaB() {
        return Math.sqrt(biasVariance);
    }

    /**
     * The per-weight standard deviation sqrt(sigma_w^2 / fanIn) that an initializer draws with; the
     * one place where the variance convention is turned into a sampling scale.
     */
    public double weightStd(long fanIn) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan-in must be > 0, got " + fanIn);
        }
        return Math.sqrt(weightVariance / fanIn);
    }
}
