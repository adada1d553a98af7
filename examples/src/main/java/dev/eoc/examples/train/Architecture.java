package dev.eoc.examples.train;

/**
 * The shape of the network {@code ./eoc check} and {@code ./eoc train} build: a plain MLP of {@code
 * depth} Linear + activation layers; a residual MLP (an embedding Linear layer, then {@code depth -
 * 1} pre-activation blocks y + A (W phi(y) + b); Hayou et al. 2019, Prop. 1, A = 1; A =
 * 1/sqrt(blocks) is the stable ResNet of Hayou et al. 2021), {@code depth} Linear layers either
 * way; or a small all-convolutional network ({@code train} only): {@code depth} 3 x 3 convolutions
 * of {@code width} filters with padding 1, the first two with stride 2 instead of pooling
 * (Springenberg et al. 2015, "Striving for simplicity"), each followed by the activation, then a
 * Linear softmax output reading them flattened. Without pooling the listener's per-position theory
 * of convolutions (Xiao et al. 2018) follows every layer.
 *
 * @param kind which network
 * @param branchScale A, finite and &gt; 0 (1 unless residual)
 */
public record Architecture(Kind kind, double branchScale) {

    /** The three networks. */
    public enum Kind {
        MLP,
        RESMLP,
        CNN
    }

    /** The plain MLP. */
    public static final Architecture MLP = new Architecture(Kind.MLP, 1);

    /** Convolutions of the CNN that downsample (stride 2), the rest keep the size (stride 1). */
    public static final int STRIDED_CONVOLUTIONS = 2;

    public Architecture {
        if (!(branchScale > 0) || Double.isInfinite(branchScale)) {
            throw new IllegalArgumentException(
                    "--branch-scale must be finite and > 0, got "
                            + branchScale
                            + "; e.g. 1, or 1/sqrt(depth) for a stable ResNet");
        }
        if (kind != Kind.RESMLP && branchScale != 1) {
            throw new IllegalArgumentException(
                    "--branch-scale " + branchScale + " needs --arch resmlp; add --arch resmlp");
        }
    }

    /** A residual MLP with branch scale A. */
    public static Architecture residual(double branchScale) {
        return new Architecture(Kind.RESMLP, branchScale);
    }

    /**
     * The architecture an {@code --arch} name and {@code --branch-scale} give.
     *
     * @throws IllegalArgumentException for an unknown name or a bad scale
     */
    public static Architecture of(String name, double branchScale) {
        return switch (name) {
            case "mlp" -> new Architecture(Kind.MLP, branchScale);
            case "resmlp" -> new Architecture(Kind.RESMLP, branchScale);
            case "cnn" -> new Architecture(Kind.CNN, branchScale);
            default ->
                    throw new IllegalArgumentException(
                            "--arch must be mlp, resmlp or cnn, got '"
                                    + name
                                    + "'; e.g. --arch resmlp");
        };
    }

    /** True for the residual MLP. */
    public boolean residual() {
        return kind == Kind.RESMLP;
    }

    /** True for the CNN. */
    public boolean convolutional() {
        return kind == Kind.CNN;
    }

    /**
     * Checks that this architecture has a variant for the initialization scheme.
     *
     * @throws IllegalArgumentException for resmlp or cnn with BatchNorm (eoc-bn), naming what works
     */
    public void requireInit(InitScheme scheme) {
        if (kind != Kind.MLP && scheme.batchNorm()) {
            throw new IllegalArgumentException(
                    "--arch "
                            + name()
                            + " has no BatchNorm variant; use --init eoc, ordered or default");
        }
    }

    /** {@code --depth} when none is given: 200 (the paper's), 4 for the CNN. */
    public int defaultDepth() {
        return kind == Kind.CNN ? 4 : 200;
    }

    /** {@code --width} when none is given: 300 units (the paper's), 32 filters for the CNN. */
    public int defaultWidth() {
        return kind == Kind.CNN ? 32 : 300;
    }

    /**
     * The CNN's input images (channels, height, width) from the number of features, images being
     * square with 1 or 3 channels stored channel by channel (MNIST: 784 = 1 x 28 x 28; CIFAR-10:
     * 3072 = 3 x 32 x 32).
     *
     * @throws IllegalArgumentException when the features are no such image
     */
    public static int[] imageShape(int features) {
        for (int channels : new int[] {1, 3}) {
            int side = (int) Math.round(Math.sqrt(features / (double) channels));
            if (features % channels == 0 && side * side * channels == features) {
                return new int[] {channels, side, side};
            }
        }
        throw new IllegalArgumentException(
                "--arch cnn needs square images of 1 or 3 channels (MNIST 28 x 28, CIFAR-10 3 x 32"
                        + " x 32); "
                        + features
                        + " features are neither; use --arch mlp");
    }

    /** The {@code --arch} name. */
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
