package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.LeakyRelu;
import dev.eoc.core.activation.Smooth;

/**
 * The Gaussian expectations of one activation that mean-field theory needs: the moments at variance
 * q ({@link Moments}) and, for a centred pair with Var u1 = Var u2 = q and correlation c, C(q, c) =
 * E[phi(u1) phi(u2)] and C'(q, c) = E[phi'(u1) phi'(u2)] (Poole et al. 2016, eq. 5).
 *
 * <p>{@link #of(ActivationFunction)} picks a closed form where one exists (leaky ReLU family: the
 * arc-cosine kernel of Cho &amp; Saul 2009; erf: Williams 1997's arcsine kernel) and adaptive
 * quadrature otherwise; {@link #numerical(ActivationFunction)} always uses quadrature.
 */
public interface Expectations {

    /** The activation these expectations are for. */
    ActivationFunction activation();

    /** V, D, S, P, M at variance q &gt; 0. */
    Moments moments(double q);

    /**
     * Moments to about 1e-7 relative, several times cheaper than {@link #moments(double)}: for
     * scans that only need signs (bracketing the Edge of Chaos). Closed forms return the exact
     * moments.
     */
    default Moments coarseMoments(double q) {
        return moments(q);
    }

    /** C(q, c) = E[phi(u1) phi(u2)]. */
    double product(double q, double c);

    /** C'(q, c) = E[phi'(u1) phi'(u2)]; by Price's theorem dC/dc = q C'. */
    double derivativeProduct(double q, double c);

    /**
     * E[phi(u1) phi(u2)] for a centred Gaussian pair of unequal variances q1 = Var u1, q2 = Var u2
     * and correlation c, the covariance map of two inputs whose second moments differ (Poole et al.
     * 2016, eq. 5, before their equal-norm simplification; needed where a convolution sees
     * different local second moments in two inputs, Xiao et al. 2018, eq. 2.6). A zero variance
     * makes that factor the constant phi(0). Closed forms override this; the default integrates
     * phi(sqrt(q1) x) phi(sqrt(q2) y) over a standard pair ({@link UnequalVariances}, about 1e-10
     * absolute).
     *
     * @param q1 Var u1, finite and &gt;= 0
     * @param q2 Var u2, finite and &gt;= 0
     * @param c correlation in [-1, 1] (ignored when a variance is 0)
     * @return the expectation; C(q, q, c) = C(q, c)
     */
    default double product(double q1, double q2, double c) {
        if (q1 == q2 && q1 > 0) {
            return product(q1, c);
        }
        return UnequalVariances.product(activation(), q1, q2, c, false);
    }

    /**
     * {@link #product(double, double, double)} to about 1e-6 absolute, three to five times cheaper:
     * for a probe's theory, which meets the finite-width scatter of its measurements (0.01 and
     * more) long before this error. Closed forms return the exact value.
     */
    default double coarseProduct(double q1, double q2, double c) {
        if (q1 == q2 && q1 > 0) {
            return product(q1, c);
        }
        return UnequalVariances.product(activation(), q1, q2, c, true);
    }

    /** Closed forms where available, else {@link #numerical(ActivationFunction)}. */
    static Expectations of(ActivationFunction activation) {
        if (activation instanceof LeakyRelu leaky) {
            return new PiecewiseLinearExpectations(leaky);
        }
        if (activation == Smooth.ERF) {
            return new ErfExpectations();
        }
        return numerical(activation);
    }

    /** Quadrature for every activation (split at its breakpoints). */
    static Expectations numerical(ActivationFunction activation) {
        return new NumericalExpectations(activation);
    }

    /**
     * Expectations for many queries at many variances, e.g. a phase diagram: closed forms where
     * available, else the quadrature of {@link #numerical(ActivationFunction)} behind tables built
     * on first use. The moments are interpolated in ln q; C(q, c) and C'(q, c) for c in [0, 1] are
     * interpolated over the shared variance A = q c and the private standard deviation r = sqrt(q
     * (1 - c)), using E[phi(u1) phi(u2)] = E[psi(a)^2], psi(a) = E[phi(a + r Z)], a ~ N(0, A)
     * (Poole et al. 2016, eq. 5, with u_i = a + r Z_i), so that one smoothed activation serves
     * every A at a given r.
     *
     * <p>Accuracy: moments within about 1e-14 relative and C, C' within about 1e-13 of V(q) and
     * D(q) of the quadrature; every table panel passes a Chebyshev-coefficient test before use and
     * falls back to the quadrature otherwise, as do c &lt; 0 and variances beyond 1e15. Building
     * the tables over a phase diagram's range costs about 0.1 - 0.3 s of CPU time per activation;
     * each later query costs a few microseconds. Thread-safe.
     */
    static Expectations tabulated(ActivationFunction activation) {
        Expectations closed = of(activation);
        return closed instanceof NumericalExpectations ? new TabulatedExpectations(closed) : closed;
    }
}
