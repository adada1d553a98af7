package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The path a signal takes through a network, in the terms the mean-field theory follows: dense
 * layers (fully connected or Linear, numbered 1..L in forward order), activations, and residual
 * blocks y -> y + alpha branch(y).
 *
 * <p>A plain network is {@code dense, phi_1, dense, phi_2, ..., dense} ({@link #chain}). A residual
 * block's branch must end with a dense layer: its output W phi(...) + b is then a centred Gaussian
 * independent of the stream y in the infinite-width limit, so second moments add, q_y' = q_y +
 * alpha^2 q_branch, and the stream stays Gaussian (Yang &amp; Schoenholz 2017, "Mean field residual
 * networks: on the edge of chaos", eqs. for the reduced and full residual networks; Hayou, Doucet
 * &amp; Rousseau 2019, Prop. 1, the paper's y^l = y^(l-1) + W^l phi(y^(l-1)) + b^l). A branch
 * ending with an activation (post-activation blocks, y + phi(W y + b)) adds a signal whose mean is
 * not zero for ReLU-like activations; the theory here does not track first moments, so such a
 * branch is refused when the path is built.
 *
 * <p>A path may begin with convolutions ({@link Convolution}), each a weighted layer like a dense
 * one: on a spatial signal (channels x positions) the theory follows the second moments of every
 * position, which a convolution averages over its window and an activation maps position by
 * position, exactly in the limit of infinitely many channels (Xiao et al. 2018, "Dynamical isometry
 * and a mean field theory of CNNs", eq. 2.6: the diagonal of the covariance is closed under the
 * layer map). The first dense layer reads the signal flattened. Convolutions after a dense layer,
 * or inside a residual branch, are refused when the path is built. Pooling has no step: max pooling
 * is not linear and average pooling mixes positions, whose cross covariances the diagonal does not
 * carry.
 *
 * <p>Immutable; made by {@link #chain} or {@link #builder()}.
 */
public final class SignalPath {

    /** One step of a path. */
    public sealed interface Step permits Dense, Convolution, Normalization, Activation, Residual {}

    /** A dense layer h = W x + b: the next layer's variances apply here. */
    public record Dense() implements Step {}

    /**
     * A convolution h = W * x + b over 1 or 2 spatial dimensions with fan-in = input channels x
     * kernel area (so sigma_w^2 = fan_in Var(W) as for a dense layer): output position i reads the
     * input positions i s - p + k d for kernel offsets k, positions outside the input (padding)
     * contributing 0.
     *
     * @param kernel kernel extent per spatial dimension, each &gt;= 1
     * @param stride step per dimension, each &gt;= 1
     * @param dilation spacing of the kernel taps per dimension, each &gt;= 1
     * @param padding zeros added before each dimension (and as many after), each &gt;= 0; ignored
     *     with {@code same}
     * @param same "same" padding as in TensorFlow and DL4J's {@code ConvolutionMode.Same}: out =
     *     ceil(n / s) positions, total padding max(0, (out - 1) s + d (k - 1) + 1 - n), its floor
     *     half before
     */
    public record Convolution(
            int[] kernel, int[] stride, int[] dilation, int[] padding, boolean same)
            implements Step {
        public Convolution {
            int rank = kernel.length;
            if (rank < 1 || rank > 2) {
                throw new IllegalArgumentException(
                        "convolutions over 1 or 2 spatial dimensions are supported, got a kernel of "
                                + rank
                                + " dimensions "
                                + Arrays.toString(kernel));
            }
            if (stride.length != rank || dilation.length != rank || padding.length != rank) {
                throw new IllegalArgumentException(
                        "kernel, stride, dilation and padding need one entry per spatial"
                                + " dimension, got "
                                + Arrays.toString(kernel)
                                + ", "
                                + Arrays.toString(stride)
                                + ", "
                                + Arrays.toString(dilation)
                                + ", "
                                + Arrays.toString(padding));
            }
            for (int i = 0; i < rank; i++) {
                if (kernel[i] < 1 || stride[i] < 1 || dilation[i] < 1 || padding[i] < 0) {
                    throw new IllegalArgumentException(
                            "kernel, stride and dilation must be >= 1 and padding >= 0, got kernel "
                                    + Arrays.toString(kernel)
                                    + ", stride "
                                    + Arrays.toString(stride)
                                    + ", dilation "
                                    + Arrays.toString(dilation)
                                    + ", padding "
                                    + Arrays.toString(padding));
                }
            }
            kernel = kernel.clone();
            stride = stride.clone();
            dilation = dilation.clone();
            padding = padding.clone();
        }

        /** A convolution with explicit symmetric padding. */
        public static Convolution of(int[] kernel, int[] stride, int[] dilation, int[] padding) {
            return new Convolution(kernel, stride, dilation, padding, false);
        }

        /**
         * Positions out of n input positions along dimension i (&lt; 1: the input is too small).
         */
        public int outputSize(int i, int n) {
            if (same) {
                return (n + stride[i] - 1) / stride[i];
            }
            return Math.floorDiv(n + 2 * padding[i] - dilation[i] * (kernel[i] - 1) - 1, stride[i])
                    + 1;
        }

        /** Zeros added before dimension i of n input positions. */
        public int paddingBefore(int i, int n) {
            if (!same) {
                return padding[i];
            }
            int out = outputSize(i, n);
            return Math.max(0, (out - 1) * stride[i] + dilation[i] * (kernel[i] - 1) + 1 - n) / 2;
        }

        @Override
        public int[] kernel() {
            return kernel.clone();
        }

        @Override
        public int[] stride() {
            return stride.clone();
        }

        @Override
        public int[] dilation() {
            return dilation.clone();
        }

        @Override
        public int[] padding() {
            return padding.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Convolution c
                    && same == c.same
                    && Arrays.equals(kernel, c.kernel)
                    && Arrays.equals(stride, c.stride)
                    && Arrays.equals(dilation, c.dilation)
                    && Arrays.equals(padding, c.padding);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(kernel) * 31 + Arrays.hashCode(stride) + (same ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Convolution[kernel="
                    + Arrays.toString(kernel)
                    + ", stride="
                    + Arrays.toString(stride)
                    + ", dilation="
                    + Arrays.toString(dilation)
                    + (same ? ", same" : ", padding=" + Arrays.toString(padding))
                    + "]";
        }
    }

    /**
     * A batch normalization (BatchNorm), e.g. between a dense layer and its activation, as in the
     * paper's EOC + BN networks. The maps here have no normalization, so the theory stops at it:
     * the layers after it are measured but not predicted. What BatchNorm's own mean-field theory
     * predicts is that gradients grow exponentially with depth at any initialization (Yang et al.
     * 2019, "A mean field theory of batch normalization"), which measured gradient norms show.
     */
    public record Normalization() implements Step {}

    /**
     * An activation phi applied element-wise.
     *
     * @param function phi
     */
    public record Activation(ActivationFunction function) implements Step {
        public Activation {
            Objects.requireNonNull(function, "activation");
        }
    }

    /**
     * A residual block y + alpha branch(y).
     *
     * @param scale the branch scale alpha, finite and &gt; 0
     * @param branch the branch's steps, ending with a dense layer
     */
    public record Residual(double scale, List<Step> branch) implements Step {
        public Residual {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException(
                        "residual branch scale alpha must be finite and > 0, got "
                                + scale
                                + "; e.g. 1 (the paper's residual network) or 1/sqrt(blocks)");
            }
            branch = List.copyOf(branch);
            if (branch.stream().anyMatch(s -> s instanceof Convolution)) {
                throw new IllegalArgumentException(
                        "a residual branch with a convolution is not supported: the residual maps"
                                + " here are those of dense branches; got "
                                + branch);
            }
            if (branch.isEmpty() || !(branch.get(branch.size() - 1) instanceof Dense)) {
                throw new IllegalArgumentException(
                        "a residual branch must end with a dense layer (y + alpha (W phi(y) + b),"
                                + " Hayou et al. 2019 Prop. 1); got "
                                + branch
                                + ": a branch ending with an activation adds a signal with a"
                                + " non-zero mean, which the mean-field maps here do not follow");
            }
        }
    }

    private final List<Step> steps;
    private final int denseLayers;
    private final boolean residual;
    private final boolean spatial;
    private final boolean normalized;

    private SignalPath(List<Step> steps) {
        this.steps = List.copyOf(steps);
        this.denseLayers = count(this.steps);
        this.residual = this.steps.stream().anyMatch(s -> s instanceof Residual);
        if (denseLayers == 0) {
            throw new IllegalArgumentException("a signal path needs at least one dense layer");
        }
        boolean flat = false;
        for (Step s : this.steps) {
            flat |= s instanceof Dense || s instanceof Residual;
            if (flat && s instanceof Convolution) {
                throw new IllegalArgumentException(
                        "a convolution after a dense layer or residual block is not supported:"
                                + " the theory follows convolutions only from the (spatial) input"
                                + " up to the first dense layer, which reads the signal flattened;"
                                + " got "
                                + this.steps);
            }
        }
        this.spatial = this.steps.stream().anyMatch(s -> s instanceof Convolution);
        this.normalized = normalizes(this.steps);
    }

    private static boolean normalizes(List<Step> steps) {
        for (Step s : steps) {
            if (s instanceof Normalization || (s instanceof Residual r && normalizes(r.branch()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The plain network of L = activations.size() dense layers, activation phi_l after layer l (the
     * last one, applied after the output layer, feeds no dense layer and is left out).
     */
    public static SignalPath chain(List<ActivationFunction> activations) {
        Builder b = builder();
        for (int l = 0; l < activations.size(); l++) {
            if (l > 0) {
                b.activation(activations.get(l - 1));
            }
            b.dense();
        }
        return b.build();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The steps in forward order. */
    public List<Step> steps() {
        return steps;
    }

    /** True when some step is a BatchNorm ({@link Normalization}), where the theory stops. */
    public boolean normalized() {
        return normalized;
    }

    /** True when the path begins with convolutions: the inputs are then spatial signals. */
    public boolean spatial() {
        return spatial;
    }

    /** Number of weighted layers (dense and convolutions), the residual branches' included. */
    public int denseLayers() {
        return denseLayers;
    }

    /** True when some step is a residual block. */
    public boolean residual() {
        return residual;
    }

    /**
     * How many dense layers, in order, the maps can follow: all of them, or those before the first
     * activation of a signal that is not Gaussian (the raw input, or a residual stream to which a
     * non-Gaussian signal was added: an activation's output joined without a dense layer after it,
     * or an activated stream). Dense layers turn any signal into a Gaussian one in the
     * infinite-width limit; an activation needs one (Poole et al. 2016, eq. 3).
     */
    public int followableDenseLayers() {
        int[] count = {0};
        return walk(steps, false, count) ? denseLayers : count[0];
    }

    /** Walks steps from a signal that is Gaussian or not; false at an unfollowable activation. */
    private static boolean walk(List<Step> steps, boolean gaussian, int[] dense) {
        boolean g = gaussian;
        for (Step s : steps) {
            if (s instanceof Dense || s instanceof Convolution) {
                dense[0]++;
                g = true;
            } else if (s instanceof Activation) {
                if (!g) {
                    return false;
                }
                g = false;
            } else if (s instanceof Residual r) {
                if (!walk(r.branch(), g, dense)) {
                    return false;
                }
                // the branch ends with a dense layer: stream + Gaussian is Gaussian iff the stream
                // is
            }
        }
        return true;
    }

    private static int count(List<Step> steps) {
        int n = 0;
        for (Step s : steps) {
            if (s instanceof Dense || s instanceof Convolution) {
                n++;
            } else if (s instanceof Residual r) {
                n += count(r.branch());
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "SignalPath" + steps;
    }

    /** Builds a path step by step. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        private Builder() {}

        /** Appends a dense layer. */
        public Builder dense() {
            steps.add(new Dense());
            return this;
        }

        /** Appends a convolution; see {@link Convolution}. */
        public Builder convolution(Convolution convolution) {
            steps.add(convolution);
            return this;
        }

        /** Appends a BatchNorm; see {@link Normalization}. */
        public Builder normalization() {
            steps.add(new Normalization());
            return this;
        }

        /** Appends an activation. */
        public Builder activation(ActivationFunction phi) {
            steps.add(new Activation(phi));
            return this;
        }

        /** Appends a residual block y + alpha branch(y); see {@link Residual}. */
        public Builder residual(double scale, SignalPath branch) {
            steps.add(new Residual(scale, branch.steps()));
            return this;
        }

        /** The path; at least one dense layer. */
        public SignalPath build() {
            return new SignalPath(steps);
        }
    }
}
