package dev.eoc.core.meanfield;

/**
 * Where the variance map q_{l+1} = F(q_l) leads from a starting q_0.
 *
 * @param outcome whether q_l converged, diverged or vanished
 * @param q the fixed point q* when converged; the last iterate otherwise
 * @param iterations map evaluations used
 */
public record VarianceFixedPoint(Outcome outcome, double q, int iterations) {

    /** What happened to q_l. */
    public enum Outcome {
        /** q_l converged to a finite positive q*. */
        CONVERGED,
        /** q_l grew without bound (e.g. softplus with sigma_w^2 &gt; 2). */
        DIVERGES,
        /** q_l went to 0 (possible only with sigma_b = 0 and F'(0) &lt; 1). */
        VANISHES
    }

    /** True when a finite positive q* was found. */
    public boolean converged() {
        return outcome == Outcome.CONVERGED;
    }
}
