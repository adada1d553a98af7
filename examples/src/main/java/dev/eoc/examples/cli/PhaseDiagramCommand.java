package dev.eoc.examples.cli;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.criticality.Analysis;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.criticality.Phase;
import dev.eoc.core.criticality.PhaseDiagram;
import dev.eoc.examples.report.ChartFiles;
import dev.eoc.examples.report.CsvWriter;
import dev.eoc.examples.report.Greek;
import dev.eoc.examples.report.HeatMapRenderer;
import dev.eoc.examples.report.Provenance;
import java.awt.Color;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc phase-diagram}: ordered / chaotic phases over a (sigma_w, sigma_b) grid with the
 * Edge-of-Chaos curve between them (Schoenholz et al. 2017, Fig. 1).
 */
@Command(
        name = "phase-diagram",
        mixinStandardHelpOptions = true,
        description = {
            "Phase diagram: ordered / chaotic phase and chi_1 over a (sigma_w, sigma_b) grid.",
            "Computes the phase (ordered, chaotic, edge_of_chaos) and chi_1 over a grid of sigma_w (x) and sigma_b (y). Prints a character map; --csv writes sigma_b,sigma_w,q_star,chi_1,xi_c,phase (phase 'none' where q_l diverges or vanishes, 'failed' where the variance iteration did not converge) row by row; --png draws a heat map of chi_1 (log scale, white at chi_1 = 1) with the EOC curve."
        })
public final class PhaseDiagramCommand implements Callable<Integer> {

    /** CSV columns. */
    static final List<String> CSV_HEADER =
            List.of("sigma_b", "sigma_w", "q_star", "chi_1", "xi_c", "phase");

    /** Grids at least this size report progress on stderr. */
    static final int PROGRESS_FROM_GRID = 21;

    /** Largest grid printed as a character map. */
    static final int MAX_MAP_GRID = 61;

    /** Colour saturation: |ln chi_1| at which the heat map reaches full colour, at most. */
    static final double MAX_LOG_RANGE = Math.log(100);

    /**
     * Smallest colour range |ln chi_1| on each side, so nearly critical grids are not washed out.
     */
    static final double MIN_LOG_RANGE = 0.1;

    /** Points on the overlaid EOC curve. */
    static final int CURVE_POINTS = 81;

    /** Image size of the PNG. */
    static final int WIDTH = 900;

    static final int HEIGHT = 760;

    @Spec private CommandSpec spec;

    @Mixin private ActivationOption activation;

    @Option(
            names = "--sigma-w-min",
            defaultValue = "0.1",
            paramLabel = "MIN",
            description = "Smallest sigma_w > 0 (default: ${DEFAULT-VALUE}).")
    private double sigmaWMin;

    @Option(
            names = "--sigma-w-max",
            defaultValue = "4",
            paramLabel = "MAX",
            description = "Largest sigma_w (default: ${DEFAULT-VALUE}).")
    private double sigmaWMax;

    @Option(
            names = "--sigma-b-min",
            defaultValue = "0",
            paramLabel = "MIN",
            description = "Smallest sigma_b (default: ${DEFAULT-VALUE}).")
    private double sigmaBMin;

    @Option(
            names = "--sigma-b-max",
            defaultValue = "4",
            paramLabel = "MAX",
            description = "Largest sigma_b (default: ${DEFAULT-VALUE}).")
    private double sigmaBMax;

    @Option(
            names = "--grid",
            defaultValue = "41",
            paramLabel = "N",
            description = "Grid points per axis (default: ${DEFAULT-VALUE}).")
    private int gridSize;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the grid as CSV.")
    private Path csv;

    @Option(names = "--png", paramLabel = "FILE", description = "Write a heat map as PNG.")
    private Path png;

    /**
     * Points per axis at most: 1000^2 cells take ~10-20 s (200^2 take 0.3-0.7 s,
     * docs/BENCHMARKS.md) and more than the chart's 900 pixels.
     */
    static final int MAX_GRID = 1000;

    @Override
    public Integer call() {
        CommandSupport.checkOutputFile("--csv", csv);
        CommandSupport.checkOutputFile("--png", png);
        ActivationFunction a = activation.get();
        if (gridSize > MAX_GRID) {
            throw new IllegalArgumentException(
                    "--grid "
                            + gridSize
                            + " is more than "
                            + MAX_GRID
                            + " points per axis ("
                            + MAX_GRID
                            + "^2 cells take about a minute on 2 cores; the chart has fewer pixels);"
                            + " e.g. --grid 200");
        }
        PhaseDiagram.Grid grid =
                new PhaseDiagram.Grid(sigmaWMin, sigmaWMax, sigmaBMin, sigmaBMax, gridSize);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Provenance provenance = CommandSupport.provenance(spec);
        PhaseDiagram diagram;
        try (CsvWriter w = csv == null ? null : CsvWriter.create(csv, provenance, CSV_HEADER)) {
            diagram =
                    PhaseDiagram.compute(
                            a,
                            grid,
                            row -> {
                                if (w != null) {
                                    writeRow(w, grid, row);
                                }
                                progress(err, row);
                            });
        }
        printSummary(out, a, diagram);
        if (csv != null) {
            out.println("wrote " + csv);
        }
        if (png != null) {
            save(png, a, diagram, provenance);
            out.println("wrote " + png + " and " + ChartFiles.svgBeside(png));
        }
        out.flush();
        return 0;
    }

    private void progress(PrintWriter err, PhaseDiagram.Row row) {
        int n = row.of();
        if (n < PROGRESS_FROM_GRID) {
            return;
        }
        int done = row.index() + 1;
        if (done == n || done * 10 / n != row.index() * 10 / n) {
            err.printf("phase-diagram: %d/%d rows (%d%%)%n", done, n, 100 * done / n);
            err.flush();
        }
    }

    private static void writeRow(CsvWriter w, PhaseDiagram.Grid grid, PhaseDiagram.Row row) {
        double sigmaB = grid.sigmaB(row.index());
        for (int j = 0; j < grid.size(); j++) {
            Analysis c = row.cells()[j];
            if (c == null) {
                w.row(sigmaB, grid.sigmaW(j), Double.NaN, Double.NaN, Double.NaN, "failed");
            } else {
                w.row(sigmaB, grid.sigmaW(j), c.qStar(), c.chi1(), c.xiC(), phaseId(c));
            }
        }
    }

    private static String phaseId(Analysis c) {
        return c.phase() == null ? "none" : c.phase().id();
    }

    private static void printSummary(PrintWriter out, ActivationFunction a, PhaseDiagram d) {
        PhaseDiagram.Grid g = d.grid();
        Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
        int none = 0;
        for (int i = 0; i < g.size(); i++) {
            for (int j = 0; j < g.size(); j++) {
                Analysis c = d.cell(i, j);
                if (c == null || c.phase() == null) {
                    none++;
                } else {
                    counts.merge(c.phase(), 1, Integer::sum);
                }
            }
        }
        out.printf(
                "phase diagram of %s: %d x %d grid, sigma_w in [%s, %s], sigma_b in [%s, %s]%n",
                a.spec(),
                g.size(),
                g.size(),
                CommandSupport.shortFmt(g.sigmaWMin()),
                CommandSupport.shortFmt(g.sigmaWMax()),
                CommandSupport.shortFmt(g.sigmaBMin()),
                CommandSupport.shortFmt(g.sigmaBMax()));
        out.printf(
                "ordered: %d, chaotic: %d, edge_of_chaos: %d, no fixed point: %d cells%n",
                counts.getOrDefault(Phase.ORDERED, 0),
                counts.getOrDefault(Phase.CHAOTIC, 0),
                counts.getOrDefault(Phase.EDGE_OF_CHAOS, 0),
                none);
        if (g.size() <= MAX_MAP_GRID) {
            out.println("map (o ordered, x chaotic, = edge of chaos, . no fixed point);");
            out.println("rows: sigma_b from top (max) to bottom (min); columns: sigma_w rising");
            for (int i = g.size() - 1; i >= 0; i--) {
                StringBuilder line = new StringBuilder();
                line.append(String.format("%7.3f |", g.sigmaB(i)));
                for (int j = 0; j < g.size(); j++) {
                    line.append(symbol(d.cell(i, j)));
                }
                out.println(line);
            }
        }
    }

    private static char symbol(Analysis c) {
        if (c == null || c.phase() == null) {
            return '.';
        }
        return switch (c.phase()) {
            case ORDERED -> 'o';
            case CHAOTIC -> 'x';
            case EDGE_OF_CHAOS -> '=';
        };
    }

    /** ln chi_1 on a colour scale symmetric about 0 (chi_1 = 1, the EOC), with the EOC curve. */
    private static void save(
            Path png, ActivationFunction a, PhaseDiagram d, Provenance provenance) {
        double[][] z = d.logChi1();
        double lo = -MIN_LOG_RANGE;
        double hi = MIN_LOG_RANGE;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, Math.max(v, -MAX_LOG_RANGE));
                    hi = Math.max(hi, Math.min(v, MAX_LOG_RANGE));
                }
            }
        }
        HeatMapRenderer.Layout layout =
                new HeatMapRenderer.Layout(
                        "Phase diagram of "
                                + a.spec()
                                + ": "
                                + Greek.CHI_1
                                + " and the Edge of Chaos",
                        Greek.SIGMA_W + " (weight std)",
                        Greek.SIGMA_B + " (bias std)",
                        Greek.CHI_1,
                        Math::exp,
                        WIDTH,
                        HEIGHT);
        // symmetric: equal colour distances mean equal factors of chi_1 above and below the EOC
        double m = Math.max(-lo, hi);
        HeatMapRenderer.save(
                png,
                provenance,
                layout,
                d.grid().sigmaWs(),
                d.grid().sigmaBs(),
                z,
                new HeatMapRenderer.Scale(-m, 0, m),
                overlays(a, d));
    }

    /** The EOC curve over the grid's sigma_b range: stable part solid, unstable part dashed. */
    private static List<HeatMapRenderer.Overlay> overlays(ActivationFunction a, PhaseDiagram d) {
        PhaseDiagram.Grid g = d.grid();
        List<EocPoint> curve = EdgeOfChaos.of(a).curve(g.sigmaBMin(), g.sigmaBMax(), CURVE_POINTS);
        int n = curve.size();
        double[] x = new double[n];
        double[] yStable = new double[n];
        double[] yUnstable = new double[n];
        for (int k = 0; k < n; k++) {
            EocPoint p = curve.get(k);
            x[k] = p.sigmaW();
            boolean nextDiffers = k + 1 < n && curve.get(k + 1).stable() != p.stable();
            boolean prevDiffers = k > 0 && curve.get(k - 1).stable() != p.stable();
            // boundary points belong to both parts so the curve has no gap
            boolean both = nextDiffers || prevDiffers;
            yStable[k] = p.stable() || both ? p.sigmaB() : Double.NaN;
            yUnstable[k] = !p.stable() || both ? p.sigmaB() : Double.NaN;
        }
        List<HeatMapRenderer.Overlay> overlays = new ArrayList<>();
        overlays.add(
                new HeatMapRenderer.Overlay(
                        "Edge of Chaos (" + Greek.CHI_1 + " = 1, stable)",
                        x,
                        yStable,
                        false,
                        Color.BLACK));
        if (curve.stream().anyMatch(p -> !p.stable())) {
            overlays.add(
                    new HeatMapRenderer.Overlay(
                            "EOC, unstable (" + Greek.CHI_Q + " ≥ 1)",
                            x,
                            yUnstable,
                            true,
                            Color.MAGENTA));
        }
        return overlays;
    }
}
