package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.LeakyRelu;

/**
 * Closed forms for leaky ReLU phi(x) = a x + b |x| with a = (1 + alpha)/2, b = (1 - alpha)/2.
 *
 * <p>With E[|u1||u2|] = (2q/pi)(sqrt(1 - c^2) + c arcsin c) and E[sign u1 sign u2] = (2/pi) arcsin
 * c (the arc-cosine kernels of Cho &amp; Saul 2009): C = q (a^2 c + b^2 (2/pi)(sqrt(1-c^2) + c
 * arcsin c)), C' = a^2 + b^2 (2/pi) arcsin c, V = q (1 + alpha^2)/2, D = (1 + alpha^2)/2, V' = D, S
 * = 0, M = b sqrt(2q/pi). Exact to rounding.
 */
final class PiecewiseLinearExpectations implements Expectations {

    private final LeakyRelu phi;
    private final double a;
    private final double b;

    PiecewiseLinearExpectations(LeakyRelu phi) {
        this.phi = phi;
        this.a = 0.5 * (1 + phi.alpha());
        this.b = 0.5 * (1 - phi.alpha());
    }

    @Override
    public ActivationFunction activation() {
        return phi;
    }

    @Override
    public Moments moments(double q) {
        Arguments.checkVariance(q);
        double half = 0.5 * (1 + phi.alpha() * phi.alpha());
        return new Moments(q, q * half, half, 0, half, b * Math.sqrt(2 * q / Math.PI), 0);
    }

    @Override
    public double product(double q, double c) {
        Arguments.checkPair(q, c);
        double s = Math.sqrt((1 - c) * (1 + c));
        return q * (a * a * c + b * b * (2 / Math.PI) * (s + c * Math.asin(c)));
    }

    /**
     * Positive homogeneity: phi(s u) = s phi(u) for s &gt; 0, so C(q1, q2, c) = sqrt(q1 q2) C(1,
     * c).
     */
    @Override
    public double product(double q1, double q2, double c) {
        Arguments.checkPair(q1, q2, c);
        return q1 == 0 || q2 == 0 ? 0 : Math.sqrt(q1) * Math.sqrt(q2) * product(1, c);
    }

    @Override
    public double coarseProduct(double q1, double q2, double c) {
        return product(q1, q2, c);
    }

    @Override
    public double derivativeProduct(double q, double c) {
        Arguments.checkPair(q, c);
        return a * a + b * b * (2 / Math.PI) * Math.asin(c);
    }
}
