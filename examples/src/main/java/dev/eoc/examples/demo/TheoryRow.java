package dev.eoc.examples.demo;

import dev.eoc.core.criticality.Analysis;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.criticality.Phase;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.VarianceFixedPoint;

/**
 * One initialization of one activation as the mean-field theory sees it: the point, its variance
 * fixed point q* and that point's slope chi_q (q* attracts when chi_q &lt; 1), chi_1 and the phase,
 * and the trainable depth 6 xi_c of Schoenholz et al. (2017, section 5), infinite on the Edge of
 * Chaos (Hayou, Doucet &amp; Rousseau 2019, Definition 2).
 *
 * @param activation activation spec
 * @param init which initialization: {@code EOC}, {@code DJL default}, {@code DL4J default}
 * @param sigmaB bias standard deviation
 * @param sigmaW weight standard deviation
 * @param qStar variance fixed point; NaN where every q is fixed (ReLU on the EOC) or none exists
 * @param chiQ slope of the variance map at q*, NaN without q*
 * @param chi1 sigma_w^2 E[phi'(u)^2] at q*, NaN without q*
 * @param phase phase and stability in words, e.g. {@code EOC (stable)} (no commas: it goes into CSV
 *     cells), {@code chaotic}, {@code q_l -> 0}
 * @param trainableDepth 6 xi_c; +inf on the Edge of Chaos, NaN without q*
 */
public record TheoryRow(
        String activation,
        String init,
        double sigmaB,
        double sigmaW,
        double qStar,
        double chiQ,
        double chi1,
        String phase,
        double trainableDepth) {

    /** Label of the Edge-of-Chaos rows. */
    public static final String EOC = "EOC";

    /** The activation's recommended Edge-of-Chaos point; its trainable depth is unlimited. */
    static TheoryRow eoc(EocPoint p) {
        return new TheoryRow(
                p.activation(),
                EOC,
                p.sigmaB(),
                p.sigmaW(),
                p.qStar(),
                p.chiQ(),
                p.chi1(),
                EOC + " (" + stability(p) + ")",
                Double.POSITIVE_INFINITY);
    }

    /** Any other point, from its full analysis. */
    static TheoryRow of(String init, Analysis a) {
        return new TheoryRow(
                a.activation(),
                init,
                a.sigmaB(),
                a.sigmaW(),
                neutral(a) ? Double.NaN : a.qStar(),
                a.chiQ(),
                a.chi1(),
                phase(a),
                a.trainableDepth());
    }

    /**
     * The phase of an analysis in words, with the stability of q* on the EOC; without q*, what q_l
     * does instead.
     */
    static String phase(Analysis a) {
        if (a.variance() != VarianceFixedPoint.Outcome.CONVERGED || a.phase() == null) {
            return a.variance() == VarianceFixedPoint.Outcome.VANISHES ? "q_l -> 0" : "q_l -> inf";
        }
        if (a.phase() != Phase.EDGE_OF_CHAOS) {
            return a.phase().id();
        }
        return EOC + " (" + (neutral(a) ? "neutral" : a.chiQ() < 1 ? "stable" : "unstable") + ")";
    }

    /**
     * On the EOC with chi_q = 1: every q is a fixed point (ReLU-like activations with sigma_b = 0),
     * so the q* the iteration stopped at means nothing.
     */
    private static boolean neutral(Analysis a) {
        return a.phase() == Phase.EDGE_OF_CHAOS
                && Math.abs(a.chiQ() - 1) <= MeanField.EOC_TOLERANCE;
    }

    private static String stability(EocPoint p) {
        if (Double.isNaN(p.qStar())) {
            return "neutral"; // every q is a fixed point (ReLU-like), chi_q = 1
        }
        return p.stable() ? "stable" : "unstable";
    }
}
