package dev.eoc.djl;

import dev.eoc.core.activation.Activation;
import dev.eoc.core.activation.Activations;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@link EocInit#apply}: the seed (required), an optional sigma_b (default: each
 * activation's recommended Edge-of-Chaos point, {@code EdgeOfChaos.recommended()}), an optional
 * sigma_w (default: solved so that chi_1 = 1), explicit activation specs per Linear layer (default:
 * read from the blocks), orthogonal instead of Gaussian weights, and lenient mode (skip unsupported
 * blocks with a warning instead of failing).
 */
public final class EocInitOptions {

    private final long seed;
    private final Double sigmaB;
    private final Double sigmaW;
    private final List<Activation> activations;
    private final boolean orthogonal;
    private final boolean lenient;

    private EocInitOptions(Builder b) {
        this.seed = b.seed;
        this.sigmaB = b.sigmaB;
        this.sigmaW = b.sigmaW;
        this.activations = List.copyOf(b.activations);
        this.orthogonal = b.orthogonal;
        this.lenient = b.lenient;
    }

    /** Options with the given seed and everything else at its default. */
    public static EocInitOptions seed(long seed) {
        return builder(seed).build();
    }

    /** A builder; the seed of every random draw is explicit. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    public long seed() {
        return seed;
    }

    /** The requested sigma_b, or null for each activation's recommended point. */
    public Double sigmaB() {
        return sigmaB;
    }

    /** The requested sigma_w, or null to solve chi_1 = 1. */
    public Double sigmaW() {
        return sigmaW;
    }

    /** Explicit activation after each Linear layer, or empty. */
    public List<Activation> activations() {
        return activations;
    }

    public boolean orthogonal() {
        return orthogonal;
    }

    public boolean lenient() {
        return lenient;
    }

    /** Builder of {@link EocInitOptions}. */
    public static final class Builder {
        private final long seed;
        private Double sigmaB;
        private Double sigmaW;
        private final List<Activation> activations = new ArrayList<>();
        private boolean orthogonal;
        private boolean lenient;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** sigma_b &gt;= 0 for every layer; the EOC sigma_w is solved for it. */
        public Builder optSigmaB(double sigmaB) {
            if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
                throw new IllegalArgumentException(
                        "sigma_b must be finite and >= 0, got " + sigmaB);
            }
            this.sigmaB = sigmaB;
            return this;
        }

        /** sigma_w &gt; 0 for every layer, used as given (not necessarily on the EOC). */
        public Builder optSigmaW(double sigmaW) {
            if (!(sigmaW > 0) || Double.isInfinite(sigmaW)) {
                throw new IllegalArgumentException("sigma_w must be finite and > 0, got " + sigmaW);
            }
            this.sigmaW = sigmaW;
            return this;
        }

        /**
         * Activation after each Linear layer in order, as specs ({@code tanh}, {@code elu(0.5)};
         * {@code linear} for none); overrides what the blocks say.
         */
        public Builder optActivations(List<String> specs) {
            activations.clear();
            for (String s : specs) {
                activations.add(Activations.parse(s));
            }
            return this;
        }

        /** Random orthogonal weights with the same scale instead of Gaussian ones. */
        public Builder optOrthogonal(boolean orthogonal) {
            this.orthogonal = orthogonal;
            return this;
        }

        /** Skip unsupported blocks with a logged warning instead of failing. */
        public Builder optLenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        public EocInitOptions build() {
            return new EocInitOptions(this);
        }
    }
}
