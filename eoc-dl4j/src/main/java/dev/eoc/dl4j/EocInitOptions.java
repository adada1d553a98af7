package dev.eoc.dl4j;

/**
 * Options of {@link EocInit}: the seed (required) and optional overrides.
 *
 * <p>Without overrides each layer gets its activation's recommended Edge-of-Chaos point ({@code
 * EdgeOfChaos.recommended()}: sigma_b = 0 for ReLU-like activations, 0.2 for tanh, 0.1 for ELU, the
 * smallest stable sigma_b on a 0.1 grid otherwise). With {@code sigmaB} only, the EOC point at that
 * sigma_b is solved per activation; with both {@code sigmaB} and {@code sigmaW} the pair is used as
 * given (e.g. the ordered phase (1, 1) for experiments). {@code lenient} skips layers that cannot
 * be handled with a logged warning instead of failing; {@code orthogonal} draws orthogonal weights
 * with the same per-entry variance.
 *
 * @param seed the seed of every random draw
 * @param sigmaB user sigma_b, or NaN for the recommended point
 * @param sigmaW user sigma_w (needs sigmaB), or NaN to solve for chi_1 = 1
 * @param lenient skip unsupported layers with a warning instead of throwing
 * @param orthogonal orthogonal instead of Gaussian weights
 */
public record EocInitOptions(
        long seed, double sigmaB, double sigmaW, boolean lenient, boolean orthogonal) {

    public EocInitOptions {
        if (!Double.isNaN(sigmaB) && !(sigmaB >= 0 && sigmaB < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sigma_b must be finite and >= 0, got " + sigmaB);
        }
        if (!Double.isNaN(sigmaW) && !(sigmaW > 0 && sigmaW < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sigma_w must be finite and > 0, got " + sigmaW);
        }
        if (!Double.isNaN(sigmaW) && Double.isNaN(sigmaB)) {
            throw new IllegalArgumentException(
                    "sigma_w = "
                            + sigmaW
                            + " was given without sigma_b: give both, or sigma_b only");
        }
    }

    /** Recommended EOC point per activation, strict, Gaussian weights. */
    public static EocInitOptions withSeed(long seed) {
        return new EocInitOptions(seed, Double.NaN, Double.NaN, false, false);
    }

    /** The EOC point at this sigma_b for every layer's activation. */
    public EocInitOptions atSigmaB(double newSigmaB) {
        return new EocInitOptions(seed, newSigmaB, sigmaW, lenient, orthogonal);
    }

    /** This (sigma_b, sigma_w) for every layer, on the EOC or not. */
    public EocInitOptions at(double newSigmaB, double newSigmaW) {
        return new EocInitOptions(seed, newSigmaB, newSigmaW, lenient, orthogonal);
    }

    /** Skip unsupported layers with a warning. */
    public EocInitOptions asLenient() {
        return new EocInitOptions(seed, sigmaB, sigmaW, true, orthogonal);
    }

    /** Orthogonal weights, same per-entry variance. */
    public EocInitOptions withOrthogonalWeights() {
        return new EocInitOptions(seed, sigmaB, sigmaW, lenient, true);
    }
}
