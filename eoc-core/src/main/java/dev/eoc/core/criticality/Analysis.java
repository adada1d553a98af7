package dev.eoc.core.criticality;

import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.VarianceFixedPoint;

/**
 * Result of {@link Criticality#analyze}: all quantities are NaN when the variance has no fixed
 * point ({@code variance} says whether it diverges or vanishes), and depth scales are +inf where
 * the corresponding chi is &gt;= 1.
 *
 * @param activation activation spec
 * @param sigmaB bias standard deviation
 * @param sigmaW weight standard deviation
 * @param variance what q_l does from q0
 * @param qStar variance fixed point
 * @param chi1 sigma_w^2 E[phi'^2] at q*
 * @param chiQ slope of the variance map at q*
 * @param cStar stable correlation fixed point
 * @param xiQ variance depth scale
 * @param xiC correlation depth scale
 * @param phase ordered, chaotic or edge of chaos (null without a fixed point)
 * @param trainableDepth 6 xi_c
 */
public record Analysis(
        String activation,
        double sigmaB,
        double sigmaW,
        VarianceFixedPoint.Outcome variance,
        double qStar,
        double chi1,
        double chiQ,
        double cStar,
        double xiQ,
        double xiC,
        Phase phase,
        double trainableDepth) {

    static Analysis withoutFixedPoint(
            String activation, InitVariances v, VarianceFixedPoint.Outcome outcome) {
        double nan = Double.NaN;
        return new Analysis(
                activation,
                v.sigmaB(),
                v.sigmaW(),
                outcome,
                nan,
                nan,
                nan,
                nan,
                nan,
                nan,
                null,
                nan);
    }
}
