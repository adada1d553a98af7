package dev.eoc.examples.reproduce;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.examples.report.Charts;
import dev.eoc.examples.report.EocConvergence;
import dev.eoc.examples.report.Greek;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.report.Series;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The theory behind the runs, computed with eoc-core as {@code eoc curve} and {@code eoc
 * convergence} do: the Edge-of-Chaos curves sigma_w(sigma_b) of the activations with the points the
 * runs used (Hayou, Doucet &amp; Rousseau 2019, section 3 and Fig. 2), and 1 - c_l at each
 * activation's recommended EOC point against its asymptotic law, beta_q / l for smooth activations
 * (Prop. 3) and 9 pi^2 / (2 l^2) for ReLU (Prop. 2).
 */
final class TheoryCharts {

    /** sigma_b values of each EOC curve. */
    private static final int CURVE_POINTS = 25;

    /** Smallest upper end of the curves' sigma_b range (covers the ordered point (1, 1)). */
    private static final double MIN_SIGMA_B_MAX = 1.0;

    /** Headroom above the largest sigma_b of a run. */
    private static final double SIGMA_B_MARGIN = 1.2;

    /** Input correlation of the convergence chart, as {@code eoc convergence} uses by default. */
    static final double C0 = 0.5;

    private static final Logger LOG = LoggerFactory.getLogger(TheoryCharts.class);

    private TheoryCharts() {}

    /**
     * A point a run used, drawn over the curves.
     *
     * @param label legend text
     * @param sigmaB bias std
     * @param sigmaW weight std
     */
    record UsedPoint(String label, double sigmaB, double sigmaW) {}

    /** EOC curves of {@code activations} with the points the runs used. */
    static void eocCurves(
            Path file, List<String> activations, List<UsedPoint> used, Provenance provenance) {
        double sigmaBMax = MIN_SIGMA_B_MAX;
        for (UsedPoint p : used) {
            sigmaBMax = Math.max(sigmaBMax, p.sigmaB() * SIGMA_B_MARGIN);
        }
        List<Series> series = new ArrayList<>();
        int k = 0;
        for (String spec : activations) {
            ActivationFunction a = Activations.parse(spec);
            Color color = Palette.nth(k++);
            List<EocPoint> curve = EdgeOfChaos.of(a).curve(0, sigmaBMax, CURVE_POINTS);
            series.addAll(curveSeries(a.spec(), curve, color));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (UsedPoint p : used) {
            if (Double.isFinite(p.sigmaB()) && Double.isFinite(p.sigmaW()) && seen.add(p.label())) {
                series.add(
                        Series.of(
                                p.label(),
                                new double[] {p.sigmaB()},
                                new double[] {p.sigmaW()},
                                Series.Style.MARKERS,
                                Palette.nth(k++)));
            }
        }
        Charts.saveLineChart(
                file,
                Charts.Layout.linear(
                        "Edge of Chaos curves and the points used",
                        Greek.SIGMA_B + " (bias std)",
                        Greek.SIGMA_W + " (weight std)"),
                series,
                provenance);
    }

    /**
     * 1 - c_l over {@code depth} layers at each activation's recommended EOC point, with theory.
     */
    static void convergence(Path file, List<String> activations, int depth, Provenance provenance) {
        List<Series> series = new ArrayList<>();
        int k = 0;
        for (String spec : activations) {
            ActivationFunction a = Activations.parse(spec);
            try {
                series.addAll(EocConvergence.at(a, depth, C0).series(Palette.nth(k)));
                k++;
            } catch (IllegalArgumentException e) {
                LOG.warn("no convergence curve for {}: {}", a.spec(), e.getMessage());
            }
        }
        Charts.saveLineChart(
                file,
                Charts.Layout.logLog(
                        String.format(Locale.ROOT, "1 - c_l on the EOC, c_0 = %s", C0),
                        "layer l",
                        "1 - c_l"),
                series,
                provenance);
    }

    /**
     * Stable runs solid, unstable runs dotted with markers, a lone point as a marker; the legend
     * lists the first run of each kind.
     */
    private static List<Series> curveSeries(String name, List<EocPoint> curve, Color color) {
        List<Series> out = new ArrayList<>();
        boolean[] shown = new boolean[2];
        int start = 0;
        for (int i = 1; i <= curve.size(); i++) {
            if (i < curve.size() && shownStable(curve.get(i)) == shownStable(curve.get(start))) {
                continue;
            }
            List<EocPoint> run = curve.subList(start, i);
            boolean stable = shownStable(run.get(0));
            Series.Style style =
                    run.size() == 1
                            ? Series.Style.MARKERS
                            : stable ? Series.Style.SOLID : Series.Style.DOTTED_MARKERS;
            int kind = stable ? 0 : 1;
            out.add(
                    new Series(
                            name + (stable ? "" : " (unstable, " + Greek.CHI_Q + " ≥ 1)"),
                            run.stream().mapToDouble(EocPoint::sigmaB).toArray(),
                            run.stream().mapToDouble(EocPoint::sigmaW).toArray(),
                            style,
                            color,
                            !shown[kind]));
            shown[kind] = true;
            start = i;
        }
        return out;
    }

    /**
     * Whether a point is drawn as stable: chi_q &lt; 1, or a ReLU-like activation, where every q is
     * a fixed point (q* NaN, chi_q = 1) and nothing runs away.
     */
    private static boolean shownStable(EocPoint p) {
        return p.stable() || Double.isNaN(p.qStar());
    }
}
