package dev.eoc.core.meanfield;

import dev.eoc.core.activation.Activation;
import dev.eoc.core.activation.Smooth;
import dev.eoc.core.gaussian.GaussianQuadrature;

/**
 * Closed forms for phi = erf (Williams 1997, "Computing with infinite networks").
 *
 * <p>C(q, c) = (2/pi) arcsin(2 q c / (1 + 2 q)), C'(q, c) = (4/pi) / sqrt((1 + 2q)^2 - (2 q c)^2),
 * V = C(q, 1), D = C'(q, 1). S and V' use quadrature.
 */
final class ErfExpectations implements Expectations {

    @Override
    public Activation activation() {
        return Smooth.ERF;
    }

    @Override
    public Moments moments(double q) {
        NumericalExpectations.checkVariance(q);
        Moments numeric =
                Moments.of(
                        Smooth.ERF,
                        q,
                        GaussianQuadrature.standard().rule(0, Math.sqrt(q), new double[0]));
        return new Moments(
                q, product(q, 1), derivativeProduct(q, 1), numeric.s(), numeric.dv(), 0.0);
    }

    @Override
    public double product(double q, double c) {
        PiecewiseLinearExpectations.checkPair(q, c);
        return (2 / Math.PI) * Math.asin(2 * q * c / (1 + 2 * q));
    }

    @Override
    public double derivativeProduct(double q, double c) {
        PiecewiseLinearExpectations.checkPair(q, c);
        double t = 1 + 2 * q;
        return (4 / Math.PI) / Math.sqrt(t * t - 4 * q * q * c * c);
    }
}
