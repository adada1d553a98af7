package dev.eoc.core.meanfield;

/**
 * Layer-by-layer pre-activation variance q_l and correlation c_l of two inputs; index 0 holds the
 * starting values, index l the values after l layers (Poole et al. 2016, eqs. 3 and 5).
 *
 * @param q variances, length depth + 1
 * @param c correlations, length depth + 1
 */
public record Trajectory(double[] q, double[] c) {

    public Trajectory {
        if (q.length != c.length || q.length == 0) {
            throw new IllegalArgumentException(
                    "q and c must have the same non-zero length, got "
                            + q.length
                            + " and "
                            + c.length);
        }
        q = q.clone();
        c = c.clone();
    }

    /** Number of layers (arrays hold depth + 1 values). */
    public int depth() {
        return q.length - 1;
    }

    @Override
    public double[] q() {
        return q.clone();
    }

    @Override
    public double[] c() {
        return c.clone();
    }
}
