package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Smooth;

/**
 * Closed forms for phi = erf (Williams 1997, "Computing with infinite networks").
 *
 * <p>C(q, c) = (2/pi) arcsin(2 q c / (1 + 2 q)), C'(q, c) = (4/pi) / sqrt((1 + 2q)^2 - (2 q c)^2),
 * V = C(q, 1), D = C'(q, 1). S and V' use quadrature.
 */
final class ErfExpectations implements Expectations {

    @Override
    public ActivationFunction activation() {
        return Smooth.ERF;
    }

    @Override
    public Moments moments(double q) {
        Arguments.checkVariance(q);
        double t = 1 + 2 * q;
        double root = Math.sqrt(1 + 4 * q);
        double s = 16 / Math.PI * q / (root * root * root);
        double dv = 4 / Math.PI / (t * root);
        // D = (4/pi) (1 + 4q)^(-1/2), so dD/dq = -(8/pi) (1 + 4q)^(-3/2)
        double dd = -8 / Math.PI / (root * root * root);
        return new Moments(q, product(q, 1), derivativeProduct(q, 1), s, dv, 0.0, dd);
    }

    @Override
    public double product(double q, double c) {
        Arguments.checkPair(q, c);
        return (2 / Math.PI) * Math.asin(2 * q * c / (1 + 2 * q));
    }

    /**
     * Williams 1997 with unequal variances: (2/pi) arcsin(2 c sqrt(q1 q2) / sqrt((1 + 2 q1)(1 + 2
     * q2))).
     */
    @Override
    public double product(double q1, double q2, double c) {
        Arguments.checkPair(q1, q2, c);
        return (2 / Math.PI)
                * Math.asin(2 * c * Math.sqrt(q1 * q2) / Math.sqrt((1 + 2 * q1) * (1 + 2 * q2)));
    }

    @Override
    public double coarseProduct(double q1, double q2, double c) {
        return product(q1, q2, c);
    }

    @Override
    public double derivativeProduct(double q, double c) {
        Arguments.checkPair(q, c);
        double t = 1 + 2 * q;
        return (4 / Math.PI) / Math.sqrt(t * t - 4 * q * q * c * c);
    }
}
