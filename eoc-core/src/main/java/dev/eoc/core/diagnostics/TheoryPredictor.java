package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.meanfield.Expectations;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.SignalPath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Mean-field prediction of q_l and c_l for a network with the given per-layer activations and
 * per-layer (empirical) initialization variances, i.e. for the network's actual weights rather than
 * the values it was initialized with.
 *
 * <p>The first layer is linear in the input x: q_1 = sigma_b,1^2 + sigma_w,1^2 q_0 and c_1 =
 * (sigma_b,1^2 + sigma_w,1^2 q_0 c_0) / q_1, where q_0 = |x|^2 / d and c_0 is the inputs'
 * correlation (two inputs of equal norm). Then h^{l+1} = W^{l+1} phi_l(h^l) + b^{l+1} gives q_{l+1}
 * = F_l(q_l) and c_{l+1} = f_l(q_l, c_l) with the maps of {@link MeanField} for activation phi_l
 * and the variances of layer l + 1 (Poole et al. 2016, eqs. 3 and 5). The per-transition gain chi_1
 * at layer l is sigma_w,l+1^2 E[phi_l'(sqrt(q_l) Z)^2] (Schoenholz et al. 2017, eq. 5).
 *
 * <p>Several input pairs (the probe's) share q_0 and the layers' maps; each pair k gets its own
 * trajectory c_l,k from its c_0,k, and c_l is their mean, the quantity the probe's mean pair
 * correlation estimates (f is not linear in c, so the trajectory of the mean c_0 is not that).
 *
 * <p>Accuracy is that of {@link MeanField} (1e-12); the prediction itself is exact only for
 * infinite width and independent Gaussian weights. An instance made by {@link #tabulated()} uses
 * {@link Expectations#tabulated} per activation (built on first use, 0.1-0.3 s; then microseconds
 * per layer, accurate to about 1e-13), which keeps a monitoring listener's report cheap; the static
 * {@link #predict(double, double, List, List)} uses fresh quadrature every call. Once a layer has
 * unusable variances (NaN, zero weight variance) or the variance diverges, that layer and all later
 * ones are predicted as NaN.
 */
public final class TheoryPredictor {

    private final Function<ActivationFunction, Expectations> expectations;
    private final Map<String, Expectations> cache = new ConcurrentHashMap<>();

    private TheoryPredictor(Function<ActivationFunction, Expectations> expectations) {
        this.expectations = expectations;
    }

    /** A predictor over tabulated expectations, cached per activation spec; thread-safe. */
    public static TheoryPredictor tabulated() {
        return new TheoryPredictor(Expectations::tabulated);
    }

    /** A predictor with closed forms where available and fresh quadrature otherwise. */
    public static TheoryPredictor quadrature() {
        return new TheoryPredictor(Expectations::of);
    }

    /**
     * The prediction for L = activations.size() layers and one input pair.
     *
     * @param q0 input second moment |x|^2 / d, &gt; 0
     * @param c0 input correlation in [-1, 1]
     * @param activations phi_l applied after layer l, l = 1..L
     * @param variances empirical (sigma_w^2, sigma_b^2) of layer l, l = 1..L; each entry must be a
     *     pair {weightVariance, biasVariance} (NaN allowed; makes the rest NaN)
     */
    public static Prediction predict(
            double q0, double c0, List<ActivationFunction> activations, List<double[]> variances) {
        return quadrature().predict(q0, new double[] {c0}, activations, variances);
    }

    /**
     * The prediction for several input pairs of common second moment q0 and correlations c0[k].
     *
     * @throws IllegalArgumentException when a c0[k] is outside [-1, 1], q0 is not positive and
     *     finite, or there is not one variance pair per activation
     */
    public Prediction predict(
            double q0,
            double[] c0,
            List<ActivationFunction> activations,
            List<double[]> variances) {
        if (activations.isEmpty() || variances.size() != activations.size()) {
            throw new IllegalArgumentException(
                    "need one activation and one variance pair per layer, got "
                            + activations.size()
                            + " and "
                            + variances.size());
        }
        return predict(q0, c0, SignalPath.chain(activations), variances);
    }

    /**
     * The prediction for the dense layers of a path (residual blocks included), several input pairs
     * of common second moment q0 and correlations c0[k]. Each dense layer l maps the second moments
     * of its input, m and the pair cross moments M_k, to q_l = sigma_b,l^2 + sigma_w,l^2 m and
     * c_l,k = (sigma_b,l^2 + sigma_w,l^2 M_k) / q_l; an activation of a Gaussian signal gives m =
     * E[phi(sqrt(q) Z)^2] and M_k = C(q, c_k) (Poole et al. 2016, eqs. 3 and 5); a residual block
     * adds alpha^2 times its branch's moments to the stream's (Yang &amp; Schoenholz 2017). chi_1
     * into dense layer l + 1 is sigma_w,l+1^2 E[phi'(sqrt(q) Z)^2] for the activation before it (1
     * for none, a linear read of a Gaussian stream). The theory stops (NaN from there) at an
     * activation of a signal that is not Gaussian (the raw input, or a stream a non-Gaussian signal
     * joined), at unusable variances, and where q passes {@link MeanField#DIVERGENCE_BOUND}.
     *
     * @param variances {weightVariance, biasVariance} of dense layer l, l = 1..L in path order
     * @throws IllegalArgumentException when a c0[k] is outside [-1, 1], q0 is not positive and
     *     finite, or there is not one variance pair per dense layer of the path
     */
    public Prediction predict(double q0, double[] c0, SignalPath path, List<double[]> variances) {
        if (path.spatial()) {
            throw new IllegalArgumentException(
                    "a path that begins with convolutions needs its inputs' second moments per"
                            + " position, not q0 and c0: use predict(SpatialSignal, path,"
                            + " variances)");
        }
        check(path, variances);
        if (!(q0 > 0) || Double.isInfinite(q0)) {
            throw new IllegalArgumentException("input second moment q0 must be > 0, got " + q0);
        }
        if (c0.length == 0) {
            throw new IllegalArgumentException("need at least one input pair");
        }
        for (double c : c0) {
            if (!(c >= -1 && c <= 1)) {
                throw new IllegalArgumentException(
                        "input correlation c0 must be in [-1, 1], got " + c);
            }
        }
        return walk(new PathWalk(this::expectationsOf, q0, c0, variances), path);
    }

    /**
     * The prediction for a path that begins with convolutions (or any path: its first dense layer
     * reads the inputs flattened), from the inputs' second moments per position. Up to the first
     * dense layer the walk keeps, for every input and pair, its moments at each position: a
     * convolution of kernel area K gives q(i) = sigma_b^2 + (sigma_w^2 / K) sum over the window of
     * m(j), padding contributing 0; an activation maps each position as a dense layer's maps map
     * the whole layer, with each input's own variance there (Xiao et al. 2018, eq. 2.6, the
     * diagonal of the covariance, which is closed under the layer map). A convolution's q_l is the
     * mean over inputs and positions, its c_l,k the correlation of pair k's flattened outputs,
     * sum_i X(i) / sqrt(sum_i q_a(i) sum_i q_b(i)), which is what a probe measures; chi_1 into it
     * is sigma_w^2 times E[phi'^2] averaged over inputs and positions. Exact in the limit of
     * infinitely many channels; accuracy of the pair expectations about 1e-10 ({@link
     * Expectations#product(double, double, double)}).
     *
     * @param input the probe inputs' per-position second and cross moments
     * @param variances {weightVariance, biasVariance} of weighted layer l, l = 1..L in path order
     * @throws IllegalArgumentException when there is not one variance pair per weighted layer
     */
    public Prediction predict(SpatialSignal input, SignalPath path, List<double[]> variances) {
        check(path, variances);
        if (!(input.secondMoment() > 0) || Double.isInfinite(input.secondMoment())) {
            throw new IllegalArgumentException(
                    "input second moment q0 must be > 0, got " + input.secondMoment());
        }
        return walk(new PathWalk(this::expectationsOf, input, variances), path);
    }

    private static void check(SignalPath path, List<double[]> variances) {
        int depth = path.denseLayers();
        if (variances.size() != depth) {
            throw new IllegalArgumentException(
                    "need one variance pair per dense layer of the path ("
                            + depth
                            + "), got "
                            + variances.size());
        }
    }

    private Prediction walk(PathWalk walk, SignalPath path) {
        try {
            walk.run(path.steps());
        } catch (IllegalArgumentException | ArithmeticException e) {
            // unusable variances, a diverging variance or a signal the maps cannot follow: the
            // rest of the prediction stays NaN
        }
        return walk.prediction(path.residual(), path.normalized());
    }

    private Expectations expectationsOf(ActivationFunction a) {
        return cache.computeIfAbsent(a.spec(), s -> expectations.apply(a));
    }

    /**
     * Predicted q_l, c_l (index 0 = input; c_l the mean over the input pairs), chi_1 per transition
     * (index l = layer l to l + 1; NaN at 0 and L), each pair's c_l ({@code pairC[k][l]}) and
     * whether the network has residual blocks (then q_l has no fixed point and c_l converges to 1
     * polynomially at every initialization, Yang &amp; Schoenholz 2017: no ordered or chaotic phase
     * to judge) and whether it has a BatchNorm, where the theory stops (NaN after it; Yang et al.
     * 2019: BatchNorm's own theory predicts gradients growing with depth).
     */
    public record Prediction(
            double[] q,
            double[] c,
            double[] chi1,
            double[][] pairC,
            boolean residual,
            boolean normalized)
            implements java.io.Serializable {
        public Prediction {
            if (q.length != c.length || q.length != chi1.length) {
                throw new IllegalArgumentException("q, c and chi1 must have the same length");
            }
            q = q.clone();
            c = c.clone();
            chi1 = chi1.clone();
            pairC = deepCopy(pairC);
            for (double[] p : pairC) {
                if (p.length != q.length) {
                    throw new IllegalArgumentException("each pair's c must have q's length");
                }
            }
        }

        /** A prediction without BatchNorm. */
        public Prediction(
                double[] q, double[] c, double[] chi1, double[][] pairC, boolean residual) {
            this(q, c, chi1, pairC, residual, false);
        }

        /** A prediction of one pair whose trajectory is c, for a plain network. */
        public Prediction(double[] q, double[] c, double[] chi1) {
            this(q, c, chi1, new double[][] {c}, false);
        }

        /** A prediction for a plain network (no residual block). */
        public Prediction(double[] q, double[] c, double[] chi1, double[][] pairC) {
            this(q, c, chi1, pairC, false);
        }

        /** Number of input pairs. */
        public int pairs() {
            return pairC.length;
        }

        /** Pair k's predicted c_l, index 0 = input. */
        public double[] pairC(int k) {
            return pairC[k].clone();
        }

        @Override
        public double[][] pairC() {
            return deepCopy(pairC);
        }

        @Override
        public double[] q() {
            return q.clone();
        }

        @Override
        public double[] c() {
            return c.clone();
        }

        @Override
        public double[] chi1() {
            return chi1.clone();
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] b = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                b[i] = a[i].clone();
            }
            return b;
        }
    }
}
