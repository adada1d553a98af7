package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.meanfield.Expectations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.Moments;
import dev.eoc.core.meanfield.SignalPath;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The second moments of a signal along a {@link SignalPath}, written out at each dense layer: the
 * computation behind {@link TheoryPredictor#predict(double, double[], SignalPath, List)}, which
 * states the maps. One instance per prediction; not thread-safe.
 */
final class PathWalk {
    private final Function<ActivationFunction, Expectations> expectations;

    private final List<double[]> variances;
    private final double[] q;
    private final double[] chi;
    private final double[][] pc;
    private int layer;
    private double m;
    private double[] cross;
    private boolean gaussian;
    private double gain = Double.NaN;
    private SpatialWalk spatial; // the signal before the first dense layer of a spatial path

    PathWalk(
            Function<ActivationFunction, Expectations> expectations,
            double q0,
            double[] c0,
            List<double[]> variances) {
        this.expectations = expectations;
        this.variances = variances;
        int depth = variances.size();
        q = nans(depth + 1);
        chi = nans(depth + 1);
        pc = new double[c0.length][];
        cross = new double[c0.length];
        for (int k = 0; k < c0.length; k++) {
            pc[k] = nans(depth + 1);
            pc[k][0] = c0[k];
            cross[k] = q0 * c0[k];
        }
        q[0] = q0;
        m = q0;
    }

    /** A walk from spatial inputs, whose convolutions follow the moments of every position. */
    PathWalk(
            Function<ActivationFunction, Expectations> expectations,
            SpatialSignal input,
            List<double[]> variances) {
        this(expectations, input.secondMoment(), clampAll(input.pairCorrelations()), variances);
        spatial = new SpatialWalk(input);
    }

    void run(List<SignalPath.Step> steps) {
        for (SignalPath.Step step : steps) {
            if (step instanceof SignalPath.Dense) {
                flatten();
                dense();
            } else if (step instanceof SignalPath.Convolution conv) {
                convolution(conv);
            } else if (step instanceof SignalPath.Normalization) {
                throw new IllegalArgumentException(
                        "BatchNorm: the maps have no normalization; the theory stops here");
            } else if (step instanceof SignalPath.Activation a && spatial != null) {
                spatial.activation(a.function(), expectations.apply(a.function()));
            } else if (step instanceof SignalPath.Activation a) {
                activation(a.function());
            } else if (step instanceof SignalPath.Residual r) {
                residual(r);
            }
        }
    }

    private void convolution(SignalPath.Convolution conv) {
        if (spatial == null) {
            throw new IllegalArgumentException(conv + " of a signal that is not spatial");
        }
        InitVariances v = variancesOf(variances.get(layer));
        if (layer > 0) {
            chi[layer] = v.weightVariance() * spatial.gain();
        }
        double next = spatial.convolution(conv, v);
        layer++;
        q[layer] = next;
        double[] c = spatial.pairCorrelations();
        for (int k = 0; k < c.length; k++) {
            pc[k][layer] = clamp(c[k]);
        }
    }

    /**
     * The first dense layer reads a spatial signal flattened: its mean second moment, and each
     * pair's cross moment at the pair's correlation (the inputs' norms taken equal from here on, as
     * for a dense network's inputs).
     */
    private void flatten() {
        if (spatial == null) {
            return;
        }
        m = spatial.secondMoment();
        double[] c = spatial.pairCorrelations();
        for (int k = 0; k < cross.length; k++) {
            cross[k] = m * clamp(c[k]);
        }
        gaussian = spatial.gaussian();
        gain = spatial.gain();
        spatial = null;
    }

    private void dense() {
        InitVariances v = variancesOf(variances.get(layer));
        double next = v.biasVariance() + v.weightVariance() * m;
        if (layer > 0) {
            chi[layer] = v.weightVariance() * gain;
        }
        if (!(next > 0) || next > MeanField.DIVERGENCE_BOUND) {
            throw new ArithmeticException("variance " + next + " at dense layer " + layer);
        }
        layer++;
        q[layer] = next;
        for (int k = 0; k < cross.length; k++) {
            cross[k] = v.biasVariance() + v.weightVariance() * cross[k];
            pc[k][layer] = clamp(cross[k] / next);
        }
        m = next;
        gaussian = true;
        gain = 1; // a dense layer read directly by the next one: chi_1 = sigma_w^2
    }

    private void activation(ActivationFunction phi) {
        if (!gaussian) {
            throw new IllegalArgumentException(
                    "activation " + phi.spec() + " of a signal that is not Gaussian");
        }
        Expectations e = expectations.apply(phi);
        Moments moments = e.moments(m);
        for (int k = 0; k < cross.length; k++) {
            cross[k] = e.product(m, clamp(cross[k] / m));
        }
        gain = moments.d();
        m = moments.v();
        gaussian = false;
    }

    private void residual(SignalPath.Residual r) {
        double streamM = m;
        double[] streamCross = cross.clone();
        boolean streamGaussian = gaussian;
        run(r.branch());
        double a2 = r.scale() * r.scale();
        m = streamM + a2 * m;
        for (int k = 0; k < cross.length; k++) {
            cross[k] = streamCross[k] + a2 * cross[k];
        }
        if (!(m <= MeanField.DIVERGENCE_BOUND)) {
            throw new ArithmeticException("residual stream variance " + m);
        }
        gaussian = streamGaussian; // the branch's last dense layer adds an independent Gaussian
        gain = 1;
    }

    TheoryPredictor.Prediction prediction(boolean residual, boolean normalized) {
        int depth = q.length - 1;
        double[] c = new double[depth + 1];
        for (int l = 0; l <= depth; l++) {
            double sum = 0;
            for (double[] pair : pc) {
                sum += pair[l];
            }
            c[l] = sum / pc.length;
        }
        return new TheoryPredictor.Prediction(q, c, chi, pc, residual, normalized);
    }

    private static double[] nans(int n) {
        double[] x = new double[n];
        Arrays.fill(x, Double.NaN);
        return x;
    }

    private static InitVariances variancesOf(double[] pair) {
        if (pair.length != 2) {
            throw new IllegalArgumentException("variance pair must have 2 entries");
        }
        return new InitVariances(pair[0], pair[1]);
    }

    private static double[] clampAll(double[] c) {
        double[] out = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            out[k] = clamp(c[k]);
        }
        return out;
    }

    /** Correlations lie in [-1, 1] by Cauchy-Schwarz; clamp rounding excursions (NaN stays). */
    private static double clamp(double c) {
        return Double.isNaN(c) ? c : Math.max(-1, Math.min(1, c));
    }
}
