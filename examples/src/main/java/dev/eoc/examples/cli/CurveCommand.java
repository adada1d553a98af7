package dev.eoc.examples.cli;

import static dev.eoc.examples.cli.CommandSupport.fmt;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.examples.report.ChartFiles;
import dev.eoc.examples.report.Charts;
import dev.eoc.examples.report.CsvWriter;
import dev.eoc.examples.report.Greek;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.report.Series;
import java.awt.Color;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc curve}: the Edge-of-Chaos curve sigma_w(sigma_b) of an activation, with its stable
 * (chi_q &lt; 1) and unstable parts told apart (Hayou et al. 2019, Fig. 2).
 */
@Command(
        name = "curve",
        mixinStandardHelpOptions = true,
        description = {
            "Trace the Edge-of-Chaos curve sigma_w(sigma_b).",
            "The curve is sampled over [sigma_b min, sigma_b max]. Prints a table; --csv writes sigma_b,sigma_w,q_star,chi_q,stable,beta_q and --png a chart with the stable part solid and the unstable part dotted with markers."
        })
public final class CurveCommand implements Callable<Integer> {

    /** CSV columns. */
    static final List<String> CSV_HEADER =
            List.of("sigma_b", "sigma_w", "q_star", "chi_q", "stable", "beta_q");

    private static final Color STABLE = new Color(0x1F77B4);
    private static final Color UNSTABLE = new Color(0xD62728);

    @Spec private CommandSpec spec;

    @Mixin private ActivationOption activation;

    @Option(
            names = "--sigma-b-min",
            defaultValue = "0",
            paramLabel = "MIN",
            description = "Smallest sigma_b (default: ${DEFAULT-VALUE}).")
    private double sigmaBMin;

    @Option(
            names = "--sigma-b-max",
            defaultValue = "1",
            paramLabel = "MAX",
            description = "Largest sigma_b (default: ${DEFAULT-VALUE}).")
    private double sigmaBMax;

    @Option(
            names = "--points",
            defaultValue = "50",
            paramLabel = "N",
            description = "Number of sigma_b values (default: ${DEFAULT-VALUE}).")
    private int points;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the curve as CSV.")
    private Path csv;

    @Option(names = "--png", paramLabel = "FILE", description = "Write a chart as PNG.")
    private Path png;

    /** Points at most: an EOC solve takes 0.02-5 ms (docs/BENCHMARKS.md), so 10^4 take < 1 min. */
    static final int MAX_POINTS = 10_000;

    @Override
    public Integer call() {
        CommandSupport.checkOutputFile("--csv", csv);
        CommandSupport.checkOutputFile("--png", png);
        ActivationFunction a = activation.get();
        if (points > MAX_POINTS) {
            throw new IllegalArgumentException(
                    "--points "
                            + points
                            + " is more than "
                            + MAX_POINTS
                            + " (each is one EOC solve of up to a few ms); e.g. --points 200");
        }
        List<EocPoint> curve = EdgeOfChaos.of(a).curve(sigmaBMin, sigmaBMax, points);
        if (curve.isEmpty()) {
            throw new IllegalArgumentException(
                    a.spec()
                            + " has no Edge-of-Chaos point for sigma_b in ["
                            + sigmaBMin
                            + ", "
                            + sigmaBMax
                            + "]; try 'eoc solve --activation "
                            + a.spec()
                            + " --sigma-b "
                            + sigmaBMin
                            + "' for the reason");
        }
        PrintWriter out = spec.commandLine().getOut();
        printTable(out, curve);
        if (curve.size() < points) {
            out.println(
                    (points - curve.size())
                            + " of "
                            + points
                            + " sigma_b values have no Edge-of-Chaos point and were skipped");
        }
        Provenance provenance = CommandSupport.provenance(spec);
        if (csv != null) {
            writeCsv(csv, provenance, curve);
            out.println("wrote " + csv);
        }
        if (png != null) {
            Charts.saveLineChart(png, layout(a), series(curve), provenance);
            out.println("wrote " + png + " and " + ChartFiles.svgBeside(png));
        }
        out.flush();
        return 0;
    }

    private static void printTable(PrintWriter out, List<EocPoint> curve) {
        out.printf(
                Locale.ROOT,
                "%-10s %-18s %-18s %-18s %-7s %s%n",
                "sigma_b",
                "sigma_w",
                "q*",
                "chi_q",
                "stable",
                "beta_q");
        for (EocPoint p : curve) {
            out.printf(
                    Locale.ROOT,
                    "%-10s %-18s %-18s %-18s %-7s %s%n",
                    fmt(p.sigmaB()),
                    fmt(p.sigmaW()),
                    fmt(p.qStar()),
                    fmt(p.chiQ()),
                    p.stable() ? "yes" : "NO",
                    fmt(p.betaQ()));
        }
    }

    static void writeCsv(Path file, Provenance provenance, List<EocPoint> curve) {
        try (CsvWriter w = CsvWriter.create(file, provenance, CSV_HEADER)) {
            for (EocPoint p : curve) {
                w.row(p.sigmaB(), p.sigmaW(), p.qStar(), p.chiQ(), p.stable(), p.betaQ());
            }
        }
    }

    private static Charts.Layout layout(ActivationFunction a) {
        return Charts.Layout.linear(
                "Edge of Chaos of " + a.spec(),
                Greek.SIGMA_B + " (bias std)",
                Greek.SIGMA_W + " (weight std) with " + Greek.CHI_1 + " = 1");
    }

    /**
     * Contiguous runs of stable / unstable points, each a series; only the first of a kind in the
     * legend.
     */
    static List<Series> series(List<EocPoint> curve) {
        List<Series> series = new ArrayList<>();
        int start = 0;
        boolean stableShown = false;
        boolean unstableShown = false;
        for (int i = 1; i <= curve.size(); i++) {
            if (i < curve.size() && curve.get(i).stable() == curve.get(start).stable()) {
                continue;
            }
            // an unstable run shares its first point with the preceding stable run, so no gap
            int from = start > 0 && !curve.get(start).stable() ? start - 1 : start;
            int to = i < curve.size() && !curve.get(start).stable() ? i + 1 : i;
            List<EocPoint> run = curve.subList(from, Math.min(to, curve.size()));
            boolean stable = curve.get(start).stable();
            boolean legend = stable ? !stableShown : !unstableShown;
            series.add(
                    new Series(
                            stable
                                    ? "stable (" + Greek.CHI_Q + " < 1)"
                                    : "unstable (" + Greek.CHI_Q + " ≥ 1)",
                            run.stream().mapToDouble(EocPoint::sigmaB).toArray(),
                            run.stream().mapToDouble(EocPoint::sigmaW).toArray(),
                            run.size() == 1
                                    ? Series.Style.MARKERS
                                    : stable ? Series.Style.SOLID : Series.Style.DOTTED_MARKERS,
                            stable ? STABLE : UNSTABLE,
                            legend));
            stableShown |= stable;
            unstableShown |= !stable;
            start = i;
        }
        return series;
    }
}
