package dev.eoc.core.criticality;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.Moments;
import dev.eoc.core.meanfield.VarianceFixedPoint;

/**
 * Full mean-field analysis of one initialization (activation, sigma_b, sigma_w): q*, chi_1, chi_q,
 * c*, depth scales, phase and trainable depth.
 *
 * <p>xi_q = -1 / ln chi_q and xi_c = -1 / ln chi_c with chi_c = sigma_w^2 E[phi'(u1) phi'(u2)] at
 * (q*, c*) (Schoenholz et al. 2017, eqs. 8-9); on the Edge of Chaos xi_c is infinite. Schoenholz et
 * al. (2017, section 5) find networks trainable up to about {@value #TRAINABLE_DEPTH_FACTOR} xi_c
 * layers; that is the reported trainable depth.
 */
public final class Criticality {

    /** Trainable depth in units of xi_c (Schoenholz et al. 2017, Fig. 5: about 6 xi_c). */
    public static final double TRAINABLE_DEPTH_FACTOR = 6.0;

    /** Starting variance for the q* search when none is given. */
    public static final double DEFAULT_Q0 = 1.0;

    private Criticality() {}

    /** Analysis with q* reached from q0 = 1. */
    public static Analysis analyze(ActivationFunction activation, InitVariances variances) {
        return analyze(activation, variances, DEFAULT_Q0);
    }

    /** Analysis with q* the fixed point that q_l reaches from q0. */
    public static Analysis analyze(
            ActivationFunction activation, InitVariances variances, double q0) {
        MeanField field = MeanField.of(activation, variances);
        VarianceFixedPoint fixed = field.varianceFixedPoint(q0);
        if (!fixed.converged()) {
            return Analysis.withoutFixedPoint(activation.spec(), variances, fixed.outcome());
        }
        return atFixedPoint(field, fixed.q(), fixed.outcome());
    }

    /** The analysis once q* is known. */
    static Analysis atFixedPoint(
            MeanField field, double qStar, VarianceFixedPoint.Outcome outcome) {
        return atFixedPoint(field, qStar, outcome, Double.NaN);
    }

    /**
     * The analysis once q* is known, with c* searched from a guess (see {@link
     * MeanField#correlationFixedPoint(double, double)}).
     */
    static Analysis atFixedPoint(
            MeanField field, double qStar, VarianceFixedPoint.Outcome outcome, double cGuess) {
        ActivationFunction activation = field.activation();
        InitVariances variances = field.variances();
        // chi_1 = sigma_w^2 D(q*) and chi_q = sigma_w^2 dV/dq(q*) from one moment evaluation
        Moments m = field.expectations().moments(qStar);
        double chi1 = variances.weightVariance() * m.d();
        double chiQ = variances.weightVariance() * m.dv();
        Phase phase = Phase.of(chi1, MeanField.EOC_TOLERANCE);
        double cStar = phase == Phase.CHAOTIC ? field.correlationFixedPoint(qStar, cGuess) : 1.0;
        double chiC = phase == Phase.CHAOTIC ? field.correlationSlope(qStar, cStar) : chi1;
        double xiQ = depthScale(chiQ);
        double xiC = phase == Phase.EDGE_OF_CHAOS ? Double.POSITIVE_INFINITY : depthScale(chiC);
        return new Analysis(
                activation.spec(),
                variances.sigmaB(),
                variances.sigmaW(),
                outcome,
                qStar,
                chi1,
                chiQ,
                cStar,
                xiQ,
                xiC,
                phase,
                TRAINABLE_DEPTH_FACTOR * xiC);
    }

    /** -1 / ln chi for chi in (0, 1); +inf at chi &gt;= 1 (no decay); 0 at chi = 0. */
    public static double depthScale(double chi) {
        if (!(chi >= 0)) {
            return Double.NaN;
        }
        if (chi >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return chi == 0 ? 0 : -1 / Math.log(chi);
    }
}
