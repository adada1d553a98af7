package dev.eoc.examples.reproduce;

import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the report of a set of run directories: {@code report.md}, {@code report.csv} and PNG
 * charts under {@code figures/} (test accuracy against epoch and wall time per framework and
 * activation, per-layer correlation per run, Edge-of-Chaos curves and correlation convergence),
 * comparing with Hayou, Doucet &amp; Rousseau 2019, section 5. Every file records its provenance;
 * the run directories are only read.
 */
public final class ReproduceReport {

    /** Folder of the charts, relative to the report. */
    public static final String FIGURES = "figures";

    /** Paper order of the activations in tables (section 5); others follow by name. */
    private static final List<String> ACTIVATION_ORDER =
            List.of("relu", "elu(1)", "tanh", "shifted_softplus");

    private static final Logger LOG = LoggerFactory.getLogger(ReproduceReport.class);

    private ReproduceReport() {}

    /**
     * What to report.
     *
     * @param runDirectories the run directories to read (each with a {@code run.json})
     * @param source where they were found, in words, for the report's header
     * @param reportDir where {@code report.md}, {@code report.csv} and {@code figures/} go
     * @param provenance of this report
     * @param datasetLabel display name of a dataset id (see {@link DatasetLabel})
     * @param notes remarks to add at the end (e.g. settings that failed in this invocation)
     */
    public record Request(
            List<Path> runDirectories,
            String source,
            Path reportDir,
            Provenance provenance,
            Function<String, String> datasetLabel,
            List<String> notes) {

        public Request {
            runDirectories = List.copyOf(runDirectories);
            notes = List.copyOf(notes);
        }
    }

    /**
     * What was written.
     *
     * @param markdown {@code report.md}
     * @param csv {@code report.csv}
     * @param charts the PNG files
     * @param settings the runs reported, in table order
     */
    public record Result(
            Path markdown, Path csv, List<Path> charts, List<SettingSummary> settings) {}

    /**
     * Reads the run directories and writes the report.
     *
     * @throws IllegalArgumentException when no run directory could be read
     */
    public static Result write(Request request) {
        List<String> notes = new ArrayList<>(request.notes());
        List<SettingSummary> settings = new ArrayList<>();
        for (Path dir : request.runDirectories()) {
            try {
                settings.add(SettingSummary.of(RunData.read(dir)));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                LOG.warn("skipping {}: {}", dir, e.getMessage());
                notes.add("skipped `" + dir + "`: " + e.getMessage());
            }
        }
        if (settings.isEmpty()) {
            throw new IllegalArgumentException(
                    "no readable run directory among "
                            + request.runDirectories()
                            + (notes.isEmpty() ? "" : ": " + notes));
        }
        settings.sort(ORDER);
        Path dir = request.reportDir();
        List<MarkdownReport.Figure> figures = charts(dir, settings, request.provenance());
        Path csv = dir.resolve("report.csv");
        ReportCsv.write(csv, request.provenance(), settings, request.datasetLabel());
        Path md = dir.resolve("report.md");
        String text =
                MarkdownReport.render(
                        new MarkdownReport.Content(
                                request.provenance(),
                                machine(),
                                request.source(),
                                settings,
                                request.datasetLabel(),
                                figures,
                                notes));
        try {
            Files.writeString(md, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + md + ": " + e.getMessage(), e);
        }
        List<Path> pngs = figures.stream().map(f -> dir.resolve(f.path())).toList();
        LOG.info("wrote {} ({} settings, {} charts)", md, settings.size(), pngs.size());
        return new Result(md, csv, pngs, List.copyOf(settings));
    }

    /** Table order: dataset, framework, activation (paper order), init, directory. */
    static final Comparator<SettingSummary> ORDER =
            Comparator.<SettingSummary, String>comparing(s -> s.run().config().dataset())
                    .thenComparing(s -> s.run().config().framework())
                    .thenComparing(s -> activationRank(s.run().config().activation()))
                    .thenComparing(s -> s.run().config().init())
                    .thenComparing(s -> s.run().directory());

    private static String activationRank(String spec) {
        int i = ACTIVATION_ORDER.indexOf(PaperResults.canonical(spec));
        return i >= 0 ? "0" + i : "1" + spec;
    }

    private static List<MarkdownReport.Figure> charts(
            Path dir, List<SettingSummary> settings, Provenance provenance) {
        List<MarkdownReport.Figure> byEpoch = new ArrayList<>();
        List<MarkdownReport.Figure> byTime = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Map.Entry<String, List<SettingSummary>> g : groups(settings).entrySet()) {
            SettingSummary first = g.getValue().get(0);
            String name =
                    unique(
                            used,
                            fileName(
                                    first.run().config().framework().id()
                                            + "-"
                                            + first.run().config().activation()));
            String what = g.getKey().replace('|', ' ');
            String title = "Test accuracy, " + shortKey(first);
            String epochFile = FIGURES + "/accuracy-epoch-" + name + ".png";
            TrainingCharts.accuracyByEpoch(dir.resolve(epochFile), title, g.getValue(), provenance);
            byEpoch.add(new MarkdownReport.Figure("Test accuracy against epoch", what, epochFile));
            String timeFile = FIGURES + "/accuracy-time-" + name + ".png";
            TrainingCharts.accuracyByTime(dir.resolve(timeFile), title, g.getValue(), provenance);
            byTime.add(
                    new MarkdownReport.Figure("Test accuracy against wall time", what, timeFile));
        }
        List<MarkdownReport.Figure> out = new ArrayList<>(byEpoch);
        out.addAll(byTime);
        for (SettingSummary s : settings) {
            String name = unique(used, fileName(s.run().directory().getFileName().toString()));
            String file = FIGURES + "/correlation-" + name + ".png";
            if (TrainingCharts.correlation(dir.resolve(file), s, provenance)) {
                out.add(
                        new MarkdownReport.Figure(
                                "Per-layer correlation c_l at initialization and after training",
                                "c_l, " + key(s, true).replace('|', ' '),
                                file));
            }
        }
        out.addAll(theory(dir, settings, provenance));
        return out;
    }

    private static List<MarkdownReport.Figure> theory(
            Path dir, List<SettingSummary> settings, Provenance provenance) {
        Set<String> activations = new LinkedHashSet<>();
        int depth = 1;
        for (SettingSummary s : settings) {
            activations.add(s.run().config().activation());
            depth = Math.max(depth, s.run().config().depth());
        }
        String section = "Theory (eoc-core, as `eoc curve` and `eoc convergence`)";
        String curves = FIGURES + "/theory-eoc-curves.png";
        TheoryCharts.eocCurves(
                dir.resolve(curves), List.copyOf(activations), usedPoints(settings), provenance);
        String convergence = FIGURES + "/theory-convergence.png";
        TheoryCharts.convergence(
                dir.resolve(convergence), List.copyOf(activations), depth, provenance);
        return List.of(
                new MarkdownReport.Figure(section, "Edge of Chaos curves", curves),
                new MarkdownReport.Figure(section, "Correlation convergence", convergence));
    }

    /**
     * The initialization points of the runs, one marker per point: "tanh eoc/eoc-bn point (0.2,
     * 1.3)", and one "ordered point" for the ordered runs of every activation at the same place.
     */
    private static List<TheoryCharts.UsedPoint> usedPoints(List<SettingSummary> settings) {
        Map<String, Set<String>> inits = new LinkedHashMap<>();
        Map<String, double[]> where = new LinkedHashMap<>();
        for (SettingSummary s : settings) {
            TrainingConfig c = s.run().config();
            double[] p = {s.run().initValue("sigma_b"), s.run().initValue("sigma_w")};
            String who = c.init() == InitScheme.ORDERED ? "ordered" : c.activation();
            String key = who + "@" + p[0] + "," + p[1];
            inits.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c.init().id());
            where.put(key, p);
        }
        List<TheoryCharts.UsedPoint> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : where.entrySet()) {
            String who = e.getKey().substring(0, e.getKey().indexOf('@'));
            String label =
                    who.equals("ordered")
                            ? who
                            : who + " " + String.join("/", inits.get(e.getKey()));
            double[] p = e.getValue();
            out.add(
                    new TheoryCharts.UsedPoint(
                            String.format(Locale.ROOT, "%s point (%.3g, %.3g)", label, p[0], p[1]),
                            p[0],
                            p[1]));
        }
        return out;
    }

    /** Settings that share a chart: everything but the init must match. */
    private static Map<String, List<SettingSummary>> groups(List<SettingSummary> settings) {
        Map<String, List<SettingSummary>> out = new LinkedHashMap<>();
        for (SettingSummary s : settings) {
            if (s.commonEpoch() > 0) {
                out.computeIfAbsent(key(s, false), k -> new ArrayList<>()).add(s);
            }
        }
        return out;
    }

    /**
     * "djl|tanh|depth 200|width 300|..." naming a chart; the init only with {@code withInit}; the
     * dataset, depth, width, lr, batch and image limits only where they are not the paper's.
     */
    private static String key(SettingSummary s, boolean withInit) {
        TrainingConfig c = s.run().config();
        List<String> parts =
                new ArrayList<>(List.of(c.dataset(), c.framework().id(), c.activation()));
        if (withInit) {
            parts.add(c.init().id());
        }
        parts.add("depth " + c.depth());
        parts.add("width " + c.width());
        parts.add("lr " + MarkdownReport.number(c.learningRate()));
        parts.add("batch " + c.batch());
        if (c.limitTrain() > 0 || c.limitTest() > 0) {
            parts.add(c.limitTrain() + "+" + c.limitTest() + " images");
        }
        return String.join("|", parts);
    }

    /** "mnist djl tanh": what a chart title has room for. */
    private static String shortKey(SettingSummary s) {
        TrainingConfig c = s.run().config();
        return c.dataset() + " " + c.framework().id() + " " + c.activation();
    }

    private static String fileName(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.+]+", "-").replaceAll("^-|-$", "");
    }

    private static String unique(Set<String> used, String name) {
        String candidate = name;
        for (int k = 2; !used.add(candidate); k++) {
            candidate = name + "-" + k;
        }
        return candidate;
    }

    /** Operating system, architecture and cores of this machine, for the header. */
    private static String machine() {
        return System.getProperty("os.name")
                + " "
                + System.getProperty("os.arch")
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " cores";
    }
}
