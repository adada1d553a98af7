package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.ActivationFunction;

/**
 * Where an activation is flat: the pre-activations h with |phi'(h)| &lt; {@link #FLAT_GAIN} times
 * the activation's largest gain, taken as h &lt; {@code below} or h &gt; {@code above}. A unit
 * whose pre-activation is there passes (almost) no gradient: a <em>dead</em> ReLU unit (h &lt; 0)
 * or a <em>saturated</em> tanh or sigmoid unit (|tanh h| &gt; 0.99). The two symptoms are those of
 * AUTOTRAINER's "dying ReLU" and DeepDiagnosis' "saturated activation" / "dead node" checks (Zhang
 * et al., ICSE 2021; Wardat et al., ICSE 2022), measured here on the pre-activations of the probe
 * rows rather than on gradients.
 *
 * <p>The bounds are found once per activation by scanning |phi'| from {@value #SCAN_LIMIT} towards
 * 0 in steps of {@value #SCAN_STEP} and refining by bisection to 1e-9, so they assume the flat set
 * is the two tails (true for every registered activation; swish's and mish's interior zero of phi'
 * is not a flat region and is not counted). Kind: {@link Kind#SATURATING} when phi is bounded on
 * both sides (tanh, sigmoid, erf, hard-tanh), {@link Kind#RECTIFYING} when it is unbounded above
 * but flat below (ReLU, ELU, SELU, softplus, swish, GELU, mish), {@link Kind#NEVER_FLAT} otherwise
 * (linear, leaky ReLU with slope &gt;= 0.01).
 *
 * @param kind which symptom flat units stand for
 * @param below h below this is flat (-infinity when never)
 * @param above h above this is flat (+infinity when never)
 */
public record FlatRegion(Kind kind, double below, double above) {

    /**
     * Gain, relative to the largest, under which a unit counts as flat: tanh at |tanh h| &gt;
     * 0.995.
     */
    public static final double FLAT_GAIN = 0.01;

    /** How far out the scan starts: beyond every registered activation's transition region. */
    static final double SCAN_LIMIT = 50;

    /** Scan step: finer than any registered activation's transition (sigmoid's is ~1 wide). */
    static final double SCAN_STEP = 0.05;

    /** A value phi must stay under at +-{@value #SCAN_LIMIT} to count as bounded. */
    static final double BOUNDED = 10;

    /** What flat units mean for this activation. */
    public enum Kind {
        SATURATING,
        RECTIFYING,
        NEVER_FLAT
    }

    /** The flat region of an activation. */
    public static FlatRegion of(ActivationFunction phi) {
        double gain = 0;
        for (double x = -SCAN_LIMIT; x <= SCAN_LIMIT; x += SCAN_STEP) {
            gain = Math.max(gain, Math.abs(phi.derivative(x)));
        }
        double threshold = FLAT_GAIN * gain;
        double below = edge(phi, threshold, -1);
        double above = edge(phi, threshold, 1);
        boolean bounded =
                Math.abs(phi.value(SCAN_LIMIT)) < BOUNDED
                        && Math.abs(phi.value(-SCAN_LIMIT)) < BOUNDED;
        Kind kind;
        if (below == Double.NEGATIVE_INFINITY && above == Double.POSITIVE_INFINITY) {
            kind = Kind.NEVER_FLAT;
        } else {
            kind = bounded ? Kind.SATURATING : Kind.RECTIFYING;
        }
        return new FlatRegion(kind, below, above);
    }

    /** True when h is in the flat region. */
    public boolean isFlat(double h) {
        return h < below || h > above;
    }

    /** The inner end of the flat tail on one side (sign -1 left, +1 right), or +-infinity. */
    private static double edge(ActivationFunction phi, double threshold, int sign) {
        double outer = sign * SCAN_LIMIT;
        if (!(Math.abs(phi.derivative(outer)) < threshold)) {
            return sign * Double.POSITIVE_INFINITY;
        }
        double x = outer;
        while (sign * x > 0 && Math.abs(phi.derivative(x - sign * SCAN_STEP)) < threshold) {
            x -= sign * SCAN_STEP;
        }
        double flat = x;
        double steep = x - sign * SCAN_STEP;
        for (double kink : phi.kinks()) {
            if ((kink - flat) * (kink - steep) <= 0) {
                return kink; // phi' jumps there (ReLU at 0): the edge is exact
            }
        }
        for (int i = 0; i < 60 && Math.abs(flat - steep) > 1e-9; i++) {
            double mid = 0.5 * (flat + steep);
            if (Math.abs(phi.derivative(mid)) < threshold) {
                flat = mid;
            } else {
                steep = mid;
            }
        }
        return flat;
    }
}
