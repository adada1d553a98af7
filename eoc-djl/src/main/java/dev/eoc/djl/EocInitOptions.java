package dev.eoc.djl;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@link EocInit}: the seed (required) and optional overrides, built with the same
 * withers as eoc-dl4j's {@code EocInitOptions}: {@code EocInitOptions.withSeed(42).atSigmaB(0.3)}.
 *
 * <p>Without overrides each Linear layer gets its activation's recommended Edge-of-Chaos point
 * ({@code EdgeOfChaos.recommended()}: sigma_b = 0 for ReLU-like activations, 0.2 for tanh, 0.1 for
 * ELU, the smallest stable sigma_b on a 0.1 grid otherwise). With {@code sigmaB} only, the EOC
 * point at that sigma_b is solved per activation (chi_1 = 1; Schoenholz et al. 2017); with both
 * {@code sigmaB} and {@code sigmaW} the pair is used as given (e.g. the ordered phase (1, 1) for
 * experiments). {@code activations} overrides the activation read after each Linear block ({@code
 * linear} for none), {@code lenient} skips blocks that cannot be handled with a logged warning
 * instead of failing, and {@code orthogonal} draws orthogonal weights with the same per-entry
 * variance.
 *
 * @param seed the seed of every random draw
 * @param sigmaB user sigma_b &gt;= 0, or NaN for each activation's recommended point
 * @param sigmaW user sigma_w &gt; 0 (needs sigmaB), or NaN to solve chi_1 = 1
 * @param lenient skip unsupported blocks with a warning instead of throwing
 * @param orthogonal orthogonal instead of Gaussian weights
 * @param activations the activation after each Linear layer in order, or empty to read the blocks
 */
public record EocInitOptions(
        long seed,
        double sigmaB,
        double sigmaW,
        boolean lenient,
        boolean orthogonal,
        List<ActivationFunction> activations) {

    /** Checks the overrides; see the record description. */
    public EocInitOptions {
        if (!Double.isNaN(sigmaB) && !(sigmaB >= 0 && sigmaB < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "sigma_b must be finite and >= 0, got " + sigmaB + ": e.g. atSigmaB(0.2)");
        }
        if (!Double.isNaN(sigmaW) && !(sigmaW > 0 && sigmaW < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "sigma_w must be finite and > 0, got " + sigmaW + ": e.g. at(0.2, 1.3)");
        }
        if (!Double.isNaN(sigmaW) && Double.isNaN(sigmaB)) {
            throw new IllegalArgumentException(
                    "sigma_w = "
                            + sigmaW
                            + " was given without sigma_b: give both with at(sigmaB, sigmaW), or"
                            + " sigma_b only with atSigmaB(sigmaB)");
        }
        activations = List.copyOf(activations);
    }

    /**
     * Recommended EOC point per activation, strict, Gaussian weights.
     *
     * @param seed the seed of every random draw
     * @return the default options
     */
    public static EocInitOptions withSeed(long seed) {
        return new EocInitOptions(seed, Double.NaN, Double.NaN, false, false, List.of());
    }

    /**
     * The EOC point at this sigma_b for every layer's activation.
     *
     * @param newSigmaB sigma_b &gt;= 0
     * @return a copy with this sigma_b
     */
    public EocInitOptions atSigmaB(double newSigmaB) {
        return new EocInitOptions(seed, newSigmaB, sigmaW, lenient, orthogonal, activations);
    }

    /**
     * This (sigma_b, sigma_w) for every layer, on the EOC or not.
     *
     * @param newSigmaB sigma_b &gt;= 0
     * @param newSigmaW sigma_w &gt; 0
     * @return a copy with this point
     */
    public EocInitOptions at(double newSigmaB, double newSigmaW) {
        return new EocInitOptions(seed, newSigmaB, newSigmaW, lenient, orthogonal, activations);
    }

    /**
     * Skip unsupported blocks with a warning.
     *
     * @return a lenient copy
     */
    public EocInitOptions asLenient() {
        return new EocInitOptions(seed, sigmaB, sigmaW, true, orthogonal, activations);
    }

    /**
     * Orthogonal weights, same per-entry variance.
     *
     * @return a copy drawing orthogonal weights
     */
    public EocInitOptions withOrthogonalWeights() {
        return new EocInitOptions(seed, sigmaB, sigmaW, lenient, true, activations);
    }

    /**
     * The activation after each Linear layer in order, as specs ({@code tanh}, {@code elu(0.5)};
     * {@code linear} for none), instead of what the blocks say.
     *
     * @param specs one spec per Linear layer
     * @return a copy with these activations
     * @throws IllegalArgumentException for a spec eoc-core cannot parse (the message lists them)
     */
    public EocInitOptions withActivations(List<String> specs) {
        List<ActivationFunction> parsed = new ArrayList<>();
        for (String s : specs) {
            parsed.add(Activations.parse(s));
        }
        return new EocInitOptions(seed, sigmaB, sigmaW, lenient, orthogonal, parsed);
    }

    /** Whether a sigma_b was given. */
    boolean hasSigmaB() {
        return !Double.isNaN(sigmaB);
    }

    /** Whether a sigma_w was given. */
    boolean hasSigmaW() {
        return !Double.isNaN(sigmaW);
    }
}
