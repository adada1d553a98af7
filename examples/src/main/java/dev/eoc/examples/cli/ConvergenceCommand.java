package dev.eoc.examples.cli;

import dev.eoc.core.criticality.EocPoint;
import dev.eoc.examples.report.ChartFiles;
import dev.eoc.examples.report.Charts;
import dev.eoc.examples.report.CsvWriter;
import dev.eoc.examples.report.EocConvergence;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.report.Series;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc convergence}: how fast the correlation c_l of two inputs approaches 1 on the Edge of
 * Chaos, against the asymptotics of Hayou et al. 2019: 1 - c_l ~ beta_q / l for smooth activations
 * (Prop. 3) and 1 - c_l ~ 9 pi^2 / (2 l^2) for ReLU (Prop. 2).
 */
@Command(
        name = "convergence",
        mixinStandardHelpOptions = true,
        description = {
            "Compare 1 - c_l on the Edge of Chaos with its asymptotic laws.",
            "Propagates c_l at each activation's recommended Edge-of-Chaos point and compares 1 - c_l with theory: beta_q / l (smooth) and 9 pi^2 / (8 rho^2 l^2) (leaky ReLU; 9 pi^2 / (2 l^2) for ReLU). --png draws a log-log chart, --csv writes activation,sigma_b,sigma_w,layer,one_minus_c,theory."
        })
public final class ConvergenceCommand implements Callable<Integer> {

    /** CSV columns. */
    static final List<String> CSV_HEADER =
            List.of("activation", "sigma_b", "sigma_w", "layer", "one_minus_c", "theory");

    /** Layers in the printed table (those up to the depth, plus the depth). */
    static final int[] TABLE_LAYERS = {10, 50, 100, 200};

    @Spec private CommandSpec spec;

    @Option(
            names = "--activations",
            split = ",",
            defaultValue = "relu,elu,tanh",
            paramLabel = "SPEC",
            description = "Comma-separated activations (default: ${DEFAULT-VALUE}).")
    private List<String> activations;

    @Option(
            names = "--depth",
            defaultValue = "200",
            paramLabel = "L",
            description = "Number of layers >= 1 (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(
            names = "--c0",
            defaultValue = "0.5",
            paramLabel = "C0",
            description = "Input correlation in [-1, 1) (default: ${DEFAULT-VALUE}).")
    private double c0;

    @Mixin private ResidualOptions residualOptions;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write 1 - c_l as CSV.")
    private Path csv;

    @Option(names = "--png", paramLabel = "FILE", description = "Write a log-log chart as PNG.")
    private Path png;

    @Override
    public Integer call() {
        CommandSupport.checkOutputFile("--csv", csv);
        CommandSupport.checkOutputFile("--png", png);
        if (depth < 1) {
            throw new IllegalArgumentException("--depth must be >= 1, got " + depth);
        }
        if (!(c0 >= -1 && c0 < 1)) {
            // c_0 = 1 is the map's fixed point: 1 - c_l = 0 at every layer, nothing to show
            throw new IllegalArgumentException(
                    "--c0 must be in [-1, 1) (1 is the fixed point, where 1 - c_l = 0 throughout),"
                            + " got "
                            + c0
                            + "; e.g. --c0 0.5");
        }
        List<EocConvergence> runs = new ArrayList<>();
        residualOptions.check();
        for (String s : activations) {
            runs.add(EocConvergence.at(CommandSupport.activation(s), depth, c0));
            if (residualOptions.residual) {
                runs.add(
                        EocConvergence.residual(
                                CommandSupport.activation(s),
                                depth,
                                c0,
                                residualOptions.branchScale));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        printTable(out, runs);
        Provenance provenance = CommandSupport.provenance(spec);
        if (csv != null) {
            writeCsv(csv, provenance, runs);
            out.println("wrote " + csv);
        }
        if (png != null) {
            Charts.saveLineChart(
                    png,
                    Charts.Layout.logLog(
                            "Correlation convergence on the EOC", "layer l", "1 - c_l"),
                    series(runs),
                    provenance);
            out.println("wrote " + png + " and " + ChartFiles.svgBeside(png));
        }
        out.flush();
        return 0;
    }

    private void printTable(PrintWriter out, List<EocConvergence> runs) {
        for (EocConvergence r : runs) {
            EocPoint p = r.point();
            out.printf(
                    Locale.ROOT,
                    "%s: sigma_b = %s, sigma_w = %s, q* = %s, beta_q = %s%n",
                    r.label(),
                    CommandSupport.fmt(p.sigmaB()),
                    CommandSupport.fmt(p.sigmaW()),
                    CommandSupport.fmt(p.qStar()),
                    CommandSupport.fmt(p.betaQ()));
        }
        out.println(
                "1 - c_l (theory in brackets: beta_q / l smooth, 9 pi^2 / (2 l^2) ReLU, gamma 9 pi^2"
                        + " / (2 l^2) residual ReLU)");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%6s", "layer"));
        for (EocConvergence r : runs) {
            head.append(String.format(Locale.ROOT, "  %-26s", r.label()));
        }
        out.println(head.toString().stripTrailing());
        TreeSet<Integer> layers = new TreeSet<>();
        for (int l : TABLE_LAYERS) {
            if (l <= depth) {
                layers.add(l);
            }
        }
        layers.add(depth);
        for (int l : layers) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6d", l));
            for (EocConvergence r : runs) {
                String theory =
                        Double.isFinite(r.theory()[l])
                                ? String.format(Locale.ROOT, "(%.3e)", r.theory()[l])
                                : "(n/a)";
                line.append(
                        String.format(
                                Locale.ROOT,
                                "  %-26s",
                                String.format(Locale.ROOT, "%.3e %s", r.oneMinusC()[l], theory)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static void writeCsv(Path file, Provenance provenance, List<EocConvergence> runs) {
        try (CsvWriter w = CsvWriter.create(file, provenance, CSV_HEADER)) {
            for (EocConvergence r : runs) {
                EocPoint p = r.point();
                for (int l = 1; l < r.oneMinusC().length; l++) {
                    w.row(r.label(), p.sigmaB(), p.sigmaW(), l, r.oneMinusC()[l], r.theory()[l]);
                }
            }
        }
    }

    private static List<Series> series(List<EocConvergence> runs) {
        List<Series> series = new ArrayList<>();
        for (int k = 0; k < runs.size(); k++) {
            series.addAll(runs.get(k).series(Charts.color(k)));
        }
        return series;
    }
}
