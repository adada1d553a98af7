package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.gaussian.GaussianQuadrature;
import dev.eoc.core.gaussian.QuadratureRule;

/**
 * Mehler (Hermite) expansion of the pair expectations of a smooth activation at variance q.
 *
 * <p>With a_k = E[phi(sqrt(q) Z) h_k(Z)], h_k the orthonormal Hermite polynomials, Mehler's formula
 * gives C(q, c) = E[phi(u1) phi(u2)] = sum_k a_k^2 c^k and, since d/dz phi(sqrt(q) z) = sqrt(q)
 * phi', C'(q, c) = E[phi'(u1) phi'(u2)] = sum_k (k + 1) a_{k+1}^2 c^k / q (see e.g. Daniely et al.
 * 2016, "Toward deeper understanding of neural networks", section 5). The terms are non-negative,
 * so for |c| &lt;= 1 the truncation error is at most the tail V - sum a_k^2 (and likewise for C'),
 * which is known exactly from the moments. The series is used only when both tails fall below
 * {@value #RELATIVE_TAIL} relative within {@value #MAX_TERMS} terms: smooth activations at moderate
 * q (tanh at q = 0.5 needs about 60 terms). Kinked activations have algebraically decaying
 * coefficients and always use quadrature.
 */
final class MehlerSeries {

    /** Largest number of terms tried. */
    static final int MAX_TERMS = 200;

    /** Accepted truncation error relative to V and D: 100x below the 1e-10 target. */
    static final double RELATIVE_TAIL = 1e-12;

    /**
     * Fine rule for the coefficients: panels 0.5 sd wide resolve h_k up to k = 200, whose zeros are
     * about pi / sqrt(2k) = 0.16 apart.
     */
    private static final GaussianQuadrature COEFFICIENT_RULE =
            GaussianQuadrature.of(10, GaussianQuadrature.DEFAULT_HALF_WIDTH, 0.5);

    /**
     * Reach up to which the series needs few enough terms for {@link #SHORT_RULE}: at |c| = 0.75 a
     * tail of V is below 1e-12 V after 96 terms, whatever the activation.
     */
    static final double SHORT_REACH = 0.75;

    /**
     * Panels 1 sd wide: h_k up to k = 96 has zeros 0.23 sd apart, four per panel, which 10
     * Gauss-Legendre points resolve (the series agrees with the fine rule's to 1e-12 at |c| &lt;=
     * 0.75, MehlerSeriesTest); half the nodes of {@link #COEFFICIENT_RULE}.
     */
    private static final GaussianQuadrature SHORT_RULE =
            GaussianQuadrature.of(10, GaussianQuadrature.DEFAULT_HALF_WIDTH, 1.0);

    private final double q;
    private final double[] squares; // a_k^2
    private final double[] derivativeSquares; // (k + 1) a_{k+1}^2 / q
    private final double allowedTailV; // RELATIVE_TAIL * V / tail of C(q, 1)
    private final double allowedTailD;
    private final boolean partial;

    private MehlerSeries(
            double q,
            double[] squares,
            double[] derivativeSquares,
            double allowedTailV,
            double allowedTailD,
            boolean partial) {
        this.partial = partial;
        this.q = q;
        this.squares = squares;
        this.derivativeSquares = derivativeSquares;
        this.allowedTailV = allowedTailV;
        this.allowedTailD = allowedTailD;
    }

    /** The series at variance q with at most {@value #MAX_TERMS} terms. */
    static MehlerSeries compute(ActivationFunction phi, double q) {
        return compute(phi, q, 1);
    }

    /**
     * The series at variance q with the fewest terms that make it accurate for |c| &lt;= reach
     * (tail times reach^K within {@value #RELATIVE_TAIL} of V and D), at most {@value #MAX_TERMS}:
     * a query at one correlation (a residual trajectory asks each variance once) needs 40 terms at
     * |c| = 0.5 where convergence at c = 1 may need all 200. {@link #partial()} says whether a
     * query beyond reach should recompute it with reach 1.
     */
    static MehlerSeries compute(ActivationFunction phi, double q, double reach) {
        double sd = Math.sqrt(q);
        QuadratureRule rule =
                (reach <= SHORT_REACH ? SHORT_RULE : COEFFICIENT_RULE)
                        .rule(0, sd, phi.breakpoints());
        double[] x = rule.points();
        double[] w = rule.weights();
        int n = x.length;
        double[] f = new double[n];
        double[] hPrev = new double[n];
        double[] h = new double[n];
        double v = 0;
        double d = 0;
        for (int i = 0; i < n; i++) {
            f[i] = phi.value(x[i]);
            double f1 = phi.derivative(x[i]);
            v += w[i] * f[i] * f[i];
            d += w[i] * f1 * f1;
            hPrev[i] = 1; // h_0
            h[i] = x[i] / sd; // h_1 = z
        }
        double[] a = new double[MAX_TERMS + 2];
        a[0] = dot(w, f, hPrev);
        a[1] = dot(w, f, h);
        double sumV = a[0] * a[0] + a[1] * a[1];
        double sumD = a[1] * a[1] / q;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = x[i] / sd;
        }
        double power = 1; // reach^k, the factor accurateAt applies to the tail of K = k terms
        for (int k = 1; k <= MAX_TERMS; k++) {
            if (v - sumV <= RELATIVE_TAIL * v && d - sumD <= RELATIVE_TAIL * d) {
                return finish(q, a, k, 1, 1, false);
            }
            power *= reach;
            if (reach < 1
                    && (v - sumV) * power <= RELATIVE_TAIL * v
                    && (d - sumD) * power <= RELATIVE_TAIL * d) {
                double tailV = Math.max(v - sumV, 1e-16 * v);
                double tailD = Math.max(d - sumD, 1e-16 * d);
                return finish(q, a, k, RELATIVE_TAIL * v / tailV, RELATIVE_TAIL * d / tailD, true);
            }
            // h_{k+1} = (z h_k - sqrt(k) h_{k-1}) / sqrt(k + 1)
            double s = Math.sqrt(k);
            double inv = 1 / Math.sqrt(k + 1.0);
            double next = 0;
            for (int i = 0; i < n; i++) {
                double hn = (z[i] * h[i] - s * hPrev[i]) * inv;
                hPrev[i] = h[i];
                h[i] = hn;
                next += w[i] * f[i] * hn;
            }
            a[k + 1] = next;
            sumV += next * next;
            sumD += (k + 1) * next * next / q;
        }
        // the terms left out weigh at most tail * |c|^(K+1); rounding floors the tails at ~1e-16
        double tailV = Math.max(v - sumV, 1e-16 * v);
        double tailD = Math.max(d - sumD, 1e-16 * d);
        return finish(
                q, a, MAX_TERMS + 1, RELATIVE_TAIL * v / tailV, RELATIVE_TAIL * d / tailD, false);
    }

    private static MehlerSeries finish(
            double q,
            double[] a,
            int last,
            double allowedTailV,
            double allowedTailD,
            boolean partial) {
        double[] squares = new double[last + 1];
        double[] derivativeSquares = new double[last];
        for (int k = 0; k <= last; k++) {
            squares[k] = a[k] * a[k];
        }
        for (int k = 0; k < last; k++) {
            derivativeSquares[k] = (k + 1) * a[k + 1] * a[k + 1] / q;
        }
        return new MehlerSeries(q, squares, derivativeSquares, allowedTailV, allowedTailD, partial);
    }

    /** True when the series stopped at a reach below 1 and more terms would extend it. */
    boolean partial() {
        return partial;
    }

    private static double dot(double[] w, double[] f, double[] h) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * f[i] * h[i];
        }
        return s;
    }

    double q() {
        return q;
    }

    /**
     * True when the truncated series is within {@value #RELATIVE_TAIL} relative of C and C' at c:
     * |c|^(K+1) tail &lt;= RELATIVE_TAIL * V, i.e. |c|^(K+1) &lt;= allowed ratio.
     */
    boolean accurateAt(double c) {
        if (allowedTailV >= 1 && allowedTailD >= 1) {
            return true;
        }
        double power = Math.pow(Math.abs(c), squares.length - 1);
        return power <= allowedTailV && power <= allowedTailD;
    }

    /** sum_k a_k^2 c^k by Horner's rule. */
    double product(double c) {
        return horner(squares, c);
    }

    /** sum_k (k + 1) a_{k+1}^2 c^k / q. */
    double derivativeProduct(double c) {
        return horner(derivativeSquares, c);
    }

    private static double horner(double[] coefficients, double c) {
        double s = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            s = s * c + coefficients[k];
        }
        return s;
    }
}
