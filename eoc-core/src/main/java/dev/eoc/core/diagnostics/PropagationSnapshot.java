package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.meanfield.SignalPath;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One report of a signal-propagation probe: the empirical statistics of every hidden layer next to
 * the mean-field prediction for the network's actual weights ({@link TheoryPredictor}).
 *
 * <p>Arrays returned by the accessors run over layers with index 0 = the input (its |x|^2 / d and
 * pair correlation) and index l = the pre-activations of hidden layer l. The largest error |c_l -
 * c_l theory| is the one the Edge-of-Chaos theory is judged by (Schoenholz et al. 2017, Fig. 2).
 *
 * <p>Whether a measured c_l matches the theory is a statistical statement: {@link #cBand()} gives
 * the finite-width band of {@link FiniteWidthBand} from the probe's own pairs and the layer widths.
 *
 * <p>Serializable (all components are values), so that the workers of a distributed trainer can
 * send snapshots to the driver (eoc-dl4j-spark).
 *
 * @param iteration training iteration (batch count) at which the probe ran; 0 before training
 * @param inputSecondMoment q_0 = mean |x|^2 / d of the probe inputs
 * @param inputCorrelation c_0 = mean pair correlation of the probe inputs
 * @param layers statistics of layers 1..L, in order
 * @param theory prediction from the layers' empirical variances, arrays of length L + 1, with one
 *     trajectory per probe pair
 */
public record PropagationSnapshot(
        long iteration,
        double inputSecondMoment,
        double inputCorrelation,
        List<LayerStatistics> layers,
        TheoryPredictor.Prediction theory)
        implements Serializable {

    public PropagationSnapshot {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty() || theory.q().length != layers.size() + 1) {
            throw new IllegalArgumentException(
                    "need at least one layer and a theory of length layers + 1, got "
                            + layers.size()
                            + " layers and "
                            + theory.q().length
                            + " theory values");
        }
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).layer() != l + 1) {
                throw new IllegalArgumentException(
                        "layers must be numbered 1..L in order; position "
                                + l
                                + " holds layer "
                                + layers.get(l).layer());
            }
        }
    }

    /**
     * Measures nothing itself: combines the statistics with the theory for the same layers,
     * computed from each layer's empirical sigma_w^2 and sigma_b^2 for one input pair of
     * correlation {@code inputCorrelation} (fresh quadrature). A theory that cannot start (input
     * q_0 not positive and finite) is all NaN.
     *
     * @param activations phi_l applied after layer l, one per layer
     */
    public static PropagationSnapshot of(
            long iteration,
            double inputSecondMoment,
            double inputCorrelation,
            List<LayerStatistics> layers,
            List<ActivationFunction> activations) {
        return of(
                iteration,
                inputSecondMoment,
                new double[] {inputCorrelation},
                layers,
                activations,
                null);
    }

    /**
     * The snapshot of a probe of several input pairs: the theory has one trajectory per pair
     * (correlation {@code inputPairCorrelations[k]}), computed by {@code predictor} (null: fresh
     * quadrature), and c_0 is their mean.
     */
    public static PropagationSnapshot of(
            long iteration,
            double inputSecondMoment,
            double[] inputPairCorrelations,
            List<LayerStatistics> layers,
            List<ActivationFunction> activations,
            TheoryPredictor predictor) {
        if (activations.size() != layers.size()) {
            throw new IllegalArgumentException(
                    "need one activation per layer, got "
                            + activations.size()
                            + " for "
                            + layers.size()
                            + " layers");
        }
        return of(
                iteration,
                inputSecondMoment,
                inputPairCorrelations,
                layers,
                SignalPath.chain(activations),
                predictor);
    }

    /**
     * The snapshot of a network whose dense layers lie on {@code path} (residual blocks included);
     * the layers are the path's dense layers in order.
     *
     * @throws IllegalArgumentException when the path has not one dense layer per layer
     */
    public static PropagationSnapshot of(
            long iteration,
            double inputSecondMoment,
            double[] inputPairCorrelations,
            List<LayerStatistics> layers,
            SignalPath path,
            TheoryPredictor predictor) {
        return combine(
                iteration,
                inputSecondMoment,
                inputPairCorrelations,
                layers,
                path,
                predictor,
                (p, v) -> p.predict(inputSecondMoment, inputPairCorrelations, path, v));
    }

    /**
     * The snapshot of a network whose path begins with convolutions: the theory follows the probe
     * inputs' second moments per position ({@link TheoryPredictor#predict(SpatialSignal,
     * SignalPath, List)}); q_0 and c_0 are those of the flattened inputs. A theory that cannot
     * start (the inputs are all zero) is all NaN.
     *
     * @throws IllegalArgumentException when the path has not one weighted layer per layer
     */
    public static PropagationSnapshot of(
            long iteration,
            SpatialSignal input,
            List<LayerStatistics> layers,
            SignalPath path,
            TheoryPredictor predictor) {
        return combine(
                iteration,
                input.secondMoment(),
                input.pairCorrelations(),
                layers,
                path,
                predictor,
                (p, v) -> p.predict(input, path, v));
    }

    /**
     * The statistics with the theory {@code predict} gives for the layers' variances, or an all NaN
     * theory when the inputs cannot start one (q_0 not positive and finite, a correlation outside
     * [-1, 1]).
     */
    private static PropagationSnapshot combine(
            long iteration,
            double q0,
            double[] c0,
            List<LayerStatistics> layers,
            SignalPath path,
            TheoryPredictor predictor,
            BiFunction<TheoryPredictor, List<double[]>, TheoryPredictor.Prediction> predict) {
        if (path.denseLayers() != layers.size()) {
            throw new IllegalArgumentException(
                    "the path has "
                            + path.denseLayers()
                            + " weighted layers for "
                            + layers.size()
                            + " layers");
        }
        TheoryPredictor.Prediction theory;
        if (q0 > 0 && Double.isFinite(q0) && inRange(c0)) {
            TheoryPredictor p = predictor != null ? predictor : TheoryPredictor.quadrature();
            theory = predict.apply(p, variancesOf(layers));
        } else {
            theory = missing(layers.size(), path);
        }
        return new PropagationSnapshot(iteration, q0, LayerStatistics.mean(c0), layers, theory);
    }

    private static List<double[]> variancesOf(List<LayerStatistics> layers) {
        List<double[]> variances = new ArrayList<>(layers.size());
        for (LayerStatistics s : layers) {
            variances.add(new double[] {s.weightVariance(), s.biasVariance()});
        }
        return variances;
    }

    private static TheoryPredictor.Prediction missing(int depth, SignalPath path) {
        double[] nan = new double[depth + 1];
        Arrays.fill(nan, Double.NaN);
        return new TheoryPredictor.Prediction(
                nan, nan, nan, new double[][] {nan}, path.residual(), path.normalized());
    }

    private static boolean inRange(double[] c) {
        if (c.length == 0) {
            return false;
        }
        for (double x : c) {
            if (!(x >= -1 && x <= 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The finite-width band of |c_l - theory| per layer, index 0 = input (0 there): see {@link
     * FiniteWidthBand}. NaN where the theory or the measurement is missing.
     */
    public double[] cBand() {
        return FiniteWidthBand.of(this).halfWidth();
    }

    /** Number of hidden layers L. */
    public int depth() {
        return layers.size();
    }

    /** Empirical q_l, index 0 = input. */
    public double[] qEmpirical() {
        double[] q = new double[depth() + 1];
        q[0] = inputSecondMoment;
        for (int l = 1; l <= depth(); l++) {
            q[l] = layers.get(l - 1).qEmpirical();
        }
        return q;
    }

    /** Empirical c_l, index 0 = input. */
    public double[] cEmpirical() {
        double[] c = new double[depth() + 1];
        c[0] = inputCorrelation;
        for (int l = 1; l <= depth(); l++) {
            c[l] = layers.get(l - 1).cEmpirical();
        }
        return c;
    }

    /** Predicted q_l, index 0 = input. */
    public double[] qTheory() {
        return theory.q();
    }

    /** Predicted c_l, index 0 = input. */
    public double[] cTheory() {
        return theory.c();
    }

    /**
     * The hidden layer of the largest finite |c_l empirical - c_l theory|, 0 when none is finite.
     */
    public int largestCErrorLayer() {
        double[] e = cEmpirical();
        double[] t = cTheory();
        int worst = 0;
        double max = -1;
        for (int l = 1; l < e.length; l++) {
            double d = Math.abs(e[l] - t[l]);
            if (Double.isFinite(d) && d > max) {
                max = d;
                worst = l;
            }
        }
        return worst;
    }

    /** max over hidden layers of |c_l empirical - c_l theory|; NaN if any term is NaN. */
    public double maxAbsCError() {
        double[] e = cEmpirical();
        double[] t = cTheory();
        double max = 0;
        for (int l = 1; l < e.length; l++) {
            double d = Math.abs(e[l] - t[l]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            max = Math.max(max, d);
        }
        return max;
    }
}
