package dev.eoc.examples.train;

/**
 * The shape of the network {@code ./eoc check} and {@code ./eoc train} build: a plain MLP of {@code
 * depth} Linear + activation layers, or a residual MLP (an embedding Linear layer, then {@code
 * depth - 1} pre-activation blocks y + A (W phi(y) + b); Hayou et al. 2019, Prop. 1, A = 1; A =
 * 1/sqrt(blocks) is the stable ResNet of Hayou et al. 2021), {@code depth} Linear layers either
 * way.
 *
 * @param residual true for the residual MLP
 * @param branchScale A, finite and &gt; 0 (1 for a plain MLP)
 */
public record Architecture(boolean residual, double branchScale) {

    /** The plain MLP. */
    public static final Architecture MLP = new Architecture(false, 1);

    public Architecture {
        if (!(branchScale > 0) || Double.isInfinite(branchScale)) {
            throw new IllegalArgumentException(
                    "--branch-scale must be finite and > 0, got "
                            + branchScale
                            + "; e.g. 1, or 1/sqrt(depth) for a stable ResNet");
        }
        if (!residual && branchScale != 1) {
            throw new IllegalArgumentException(
                    "--branch-scale " + branchScale + " needs --arch resmlp; add --arch resmlp");
        }
    }

    /**
     * The architecture an {@code --arch} name and {@code --branch-scale} give.
     *
     * @throws IllegalArgumentException for an unknown name or a bad scale
     */
    public static Architecture of(String name, double branchScale) {
        return switch (name) {
            case "mlp" -> new Architecture(false, branchScale);
            case "resmlp" -> new Architecture(true, branchScale);
            case "cnn" ->
                    throw new IllegalArgumentException(
                            "--arch cnn is not available: eoc initializes convolutions but its"
                                    + " listener has no convolutional theory (Xiao et al. 2018) to"
                                    + " judge them; use --arch mlp or resmlp");
            default ->
                    throw new IllegalArgumentException(
                            "--arch must be mlp or resmlp, got '" + name + "'; e.g. --arch resmlp");
        };
    }

    /**
     * Checks that this architecture has a variant for the initialization scheme.
     *
     * @throws IllegalArgumentException for resmlp with BatchNorm (eoc-bn), naming what works
     */
    public void requireInit(InitScheme scheme) {
        if (residual && scheme.batchNorm()) {
            throw new IllegalArgumentException(
                    "--arch resmlp has no BatchNorm variant; use --init eoc, ordered or default");
        }
    }

    /** The {@code --arch} name. */
    public String name() {
        return residual ? "resmlp" : "mlp";
    }
}
