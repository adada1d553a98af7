package dev.eoc.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import java.util.List;

/**
 * A residual block y + alpha branch(y): a {@link ParallelBlock} of the branch and an identity,
 * joined by addition with branch scale alpha (He et al. 2016; the paper's y^l = y^(l-1) + W^l
 * phi(y^(l-1)) + b^l with alpha = 1, Hayou, Doucet &amp; Rousseau 2019, Prop. 1; alpha =
 * 1/sqrt(blocks) keeps the stream's variance bounded, Hayou et al. 2021, "Stable ResNet").
 *
 * <p>{@link EocInit} initializes the branch's Linear layers on the Edge of Chaos like any others,
 * and {@link PropagationListener} compares them with the residual mean-field maps when the branch
 * ends with a Linear layer (pre-activation blocks, {@code activation, Linear[, activation,
 * Linear]}). A plain {@code ParallelBlock} of a branch and {@link Blocks#identityBlock()} joined by
 * a sum is recognized as well; this class states the branch scale instead of leaving it to be read
 * from the join.
 */
public final class ResidualBlock extends ParallelBlock {

    private final double branchScale;

    private ResidualBlock(Block branch, double branchScale) {
        super(list -> join(list, branchScale), List.of(branch, Blocks.identityBlock()));
        this.branchScale = branchScale;
    }

    /** y + branch(y). */
    public static ResidualBlock of(Block branch) {
        return of(branch, 1);
    }

    /**
     * y + alpha branch(y).
     *
     * @param branch the residual branch, e.g. {@code new SequentialBlock().add(tanh).add(linear)}
     * @param branchScale alpha, finite and &gt; 0 (1, or 1/sqrt(blocks) for a stable ResNet)
     * @throws IllegalArgumentException for a bad alpha
     */
    public static ResidualBlock of(Block branch, double branchScale) {
        if (!(branchScale > 0) || Double.isInfinite(branchScale)) {
            throw new IllegalArgumentException(
                    "branch scale alpha must be finite and > 0, got "
                            + branchScale
                            + "; e.g. 1, or 1/sqrt(blocks) for a stable ResNet");
        }
        return new ResidualBlock(branch, branchScale);
    }

    /** The branch scale alpha. */
    public double branchScale() {
        return branchScale;
    }

    private static NDList join(List<NDList> outputs, double alpha) {
        NDArray branch = outputs.get(0).singletonOrThrow();
        NDArray identity = outputs.get(1).singletonOrThrow();
        return new NDList(alpha == 1 ? identity.add(branch) : identity.add(branch.mul(alpha)));
    }
}
