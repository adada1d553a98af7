package dev.eoc.core.criticality;

/**
 * A point on the Edge of Chaos: chi_1 = sigma_w^2 E[phi'(sqrt(q*) Z)^2] = 1 at the variance fixed
 * point q* (Schoenholz et al. 2017; Hayou et al. 2019, Definition 2).
 *
 * <p>{@code stable} is chi_q = F'(q*) = sigma_w^2 E[phi'^2 + phi phi''] &lt; 1: only then do q_l
 * converge to q*; otherwise they run away and deep networks fail to train even though chi_1 = 1
 * (Hayou et al. 2019, section 4, shifted softplus). {@code betaQ} = 2 E[phi'^2] / (q* E[phi''^2])
 * gives the convergence 1 - c_l ~ beta_q / l of smooth activations (Hayou et al. 2019, Prop. 3); it
 * is NaN where phi' has a kink (there 1 - c_l decays like 1/l^2; for ReLU 1 - c_l ~ 9 pi^2 / (2
 * l^2)).
 *
 * @param activation the activation spec
 * @param sigmaB bias standard deviation
 * @param sigmaW weight standard deviation with chi_1 = 1
 * @param qStar variance fixed point; NaN for ReLU-like activations, where every q is fixed
 * @param chi1 chi_1 recomputed at the point (1 up to the solver's accuracy)
 * @param chiQ slope of the variance map at q*
 * @param betaQ convergence constant, NaN where undefined
 */
public record EocPoint(
        String activation,
        double sigmaB,
        double sigmaW,
        double qStar,
        double chi1,
        double chiQ,
        double betaQ) {

    /** chi_q &lt; 1: the variance fixed point attracts, so q_l stays at q*. */
    public boolean stable() {
        return chiQ < 1;
    }

    /**
     * Every q is a fixed point (q* is NaN): the positively homogeneous activations (ReLU, leaky
     * ReLU), whose variance map at the EOC is q -&gt; q, so chi_q = 1 exactly. Neither attracting
     * nor repelling: q_l keeps the input's variance (Hayou et al. 2019, Prop. 1).
     */
    public boolean marginal() {
        return Double.isNaN(qStar);
    }

    /**
     * chi_q &gt;= 1 at a true fixed point: q_l runs away from q* (shifted softplus; Hayou et al.
     * 2019, section 4). False for a {@link #marginal()} point.
     */
    public boolean unstable() {
        return !stable() && !marginal();
    }

    /** sigma_w^2. */
    public double weightVariance() {
        return sigmaW * sigmaW;
    }

    /** sigma_b^2. */
    public double biasVariance() {
        return sigmaB * sigmaB;
    }
}
