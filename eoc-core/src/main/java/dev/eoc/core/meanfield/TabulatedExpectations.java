package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;

/**
 * Quadrature expectations behind tables built on first use, for callers that query many variances
 * (phase diagrams): the moments from a {@link MomentTable} in ln q, and C(q, c), C'(q, c) for c in
 * [0, 1] from a {@link PairTable} over the shared variance q c and the private standard deviation
 * sqrt(q (1 - c)).
 *
 * <p>Accuracy: the moments within about 1e-14 relative of {@link NumericalExpectations} (the
 * tables' acceptance tests allow 2e-15 of interpolation error, and the quadrature itself varies by
 * ~1e-14 where it switches rules); C and C' within about 1e-13 of V(q) and D(q). C(q, 1) = V(q),
 * C'(q, 1) = D(q) and C(q, 0) = M(q)^2 hold exactly, as in the quadrature. Negative c, and any
 * table panel that misses its accuracy test, are answered by the quadrature.
 */
final class TabulatedExpectations implements Expectations {

    private final Expectations exact;
    private final MomentTable moments;
    private final PairTable pairs;

    /** The last pair evaluation: C and C' come together, and Newton's method asks for both. */
    private volatile double[] last = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};

    TabulatedExpectations(Expectations exact) {
        this.exact = exact;
        this.moments = new MomentTable(exact::moments);
        this.pairs = new PairTable(exact.activation());
    }

    @Override
    public ActivationFunction activation() {
        return exact.activation();
    }

    @Override
    public Moments moments(double q) {
        Arguments.checkVariance(q);
        Moments m = moments.at(q);
        return m != null ? m : exact.moments(q);
    }

    /** The tabulated moments are as cheap as coarse ones and accurate. */
    @Override
    public Moments coarseMoments(double q) {
        return moments(q);
    }

    @Override
    public double product(double q, double c) {
        Arguments.checkPair(q, c);
        if (c == 1) {
            return moments(q).v();
        }
        if (c == 0) {
            double m = moments(q).m(); // u1, u2 independent: E[phi]^2
            return m * m;
        }
        double[] pair = pair(q, c);
        return pair != null ? pair[2] : exact.product(q, c);
    }

    @Override
    public double derivativeProduct(double q, double c) {
        Arguments.checkPair(q, c);
        if (c == 1) {
            return moments(q).d();
        }
        double[] pair = pair(q, c);
        return pair != null ? pair[3] : exact.derivativeProduct(q, c);
    }

    /** {q, c, C, C'} from the table, or null where it cannot answer. */
    private double[] pair(double q, double c) {
        double[] cached = last;
        if (cached[0] == q && cached[1] == c) {
            return cached;
        }
        double[] out = new double[2];
        if (!pairs.at(q, c, out)) {
            return null;
        }
        double[] fresh = {q, c, out[0], out[1]};
        last = fresh;
        return fresh;
    }
}
