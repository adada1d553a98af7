package dev.eoc.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a {@link ParallelBlock} as a residual block y + alpha branch(y): two children, one a
 * parameter-free block that returns its input (DJL's {@link ai.djl.nn.Blocks#identityBlock()}),
 * joined by a function that is the identity's output plus alpha times the branch's. A {@link
 * ResidualBlock} states alpha; for any other ParallelBlock the join, a Java function DJL keeps
 * private, is read reflectively and evaluated on test vectors: f(x, 0) = x, f(0, b) = alpha b and
 * f(x, b) = x + alpha b must hold to float rounding. Anything else (a concatenation, an average, a
 * learned gate) is refused with the reason, since neither the Edge-of-Chaos initialization nor the
 * residual maps of the theory would describe it.
 *
 * @param branch the branch block
 * @param branchChild its child index in the ParallelBlock
 * @param scale alpha
 */
record ResidualJoin(Block branch, int branchChild, double scale) {

    /** Two floats agree to float32 rounding of values of order 1. */
    private static final double FLOAT_TOLERANCE = 1e-5;

    private static final float[] X = {1.0f, -2.0f, 0.5f};
    private static final float[] B = {3.0f, 0.25f, -1.5f};

    static ResidualJoin of(ParallelBlock block, String path) {
        List<Block> children = new ArrayList<>(block.getChildren().values());
        if (children.size() != 2) {
            throw refused(
                    path, "it has " + children.size() + " branches, not a branch and an identity");
        }
        if (block instanceof ResidualBlock r) {
            return new ResidualJoin(children.get(0), 0, r.branchScale());
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            int identity =
                    isIdentity(children.get(1), manager)
                            ? 1
                            : isIdentity(children.get(0), manager) ? 0 : -1;
            if (identity < 0) {
                throw refused(path, "neither of its two children is an identity block");
            }
            int branch = 1 - identity;
            Function<List<NDList>, NDList> join = joinOf(block, path);
            float[] x = evaluate(join, identity, manager, X, new float[X.length]);
            float[] onlyBranch = evaluate(join, identity, manager, new float[X.length], B);
            float[] both = evaluate(join, identity, manager, X, B);
            double alpha = onlyBranch[0] / B[0];
            for (int i = 0; i < X.length; i++) {
                boolean additive =
                        Math.abs(x[i] - X[i]) <= FLOAT_TOLERANCE
                                && Math.abs(onlyBranch[i] - alpha * B[i]) <= FLOAT_TOLERANCE
                                && Math.abs(both[i] - X[i] - alpha * B[i]) <= FLOAT_TOLERANCE;
                if (!additive || !(alpha > 0)) {
                    throw refused(
                            path,
                            "its join is not y + alpha branch(y) with alpha > 0 (on test vectors it"
                                    + " gave "
                                    + java.util.Arrays.toString(both)
                                    + " for y = "
                                    + java.util.Arrays.toString(X)
                                    + ", branch = "
                                    + java.util.Arrays.toString(B)
                                    + ")");
                }
            }
            return new ResidualJoin(children.get(branch), branch, alpha);
        }
    }

    private static boolean isIdentity(Block child, NDManager manager) {
        if (!(child instanceof LambdaBlock) || child instanceof ActivationBlock) {
            return false;
        }
        NDArray x = manager.create(X);
        NDList out = child.forward(new ParameterStore(manager, false), new NDList(x), false);
        return out.size() == 1 && out.singletonOrThrow().contentEquals(x);
    }

    @SuppressWarnings("unchecked")
    private static Function<List<NDList>, NDList> joinOf(ParallelBlock block, String path) {
        try {
            Field f = ParallelBlock.class.getDeclaredField("function");
            f.setAccessible(true);
            return (Function<List<NDList>, NDList>) f.get(block);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw refused(
                    path,
                    "its join function could not be read ("
                            + e
                            + "), so whether it adds the branch to the identity is unknown");
        }
    }

    private static float[] evaluate(
            Function<List<NDList>, NDList> join,
            int identity,
            NDManager manager,
            float[] y,
            float[] b) {
        List<NDList> outputs = new ArrayList<>(List.of(new NDList(), new NDList()));
        outputs.set(identity, new NDList(manager.create(y)));
        outputs.set(1 - identity, new NDList(manager.create(b)));
        return join.apply(outputs).singletonOrThrow().toFloatArray();
    }

    private static IllegalArgumentException refused(String path, String why) {
        return new IllegalArgumentException(
                "ParallelBlock "
                        + path
                        + " holds Linear layers but is not a residual block y + alpha branch(y): "
                        + why
                        + "; eoc can neither initialize such a block on the Edge of Chaos nor"
                        + " predict the signal through it, in strict or lenient mode. Build"
                        + " residual blocks with ResidualBlock.of(branch, alpha), or as a"
                        + " ParallelBlock of the branch and Blocks.identityBlock() joined by a sum;"
                        + " initialize other blocks yourself and do not attach the listener");
    }
}
