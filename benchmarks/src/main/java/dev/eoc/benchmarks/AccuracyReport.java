package dev.eoc.benchmarks;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Relative errors of eoc's Edge-of-Chaos sigma_w and q* against the 40-digit mpmath table ({@code
 * scripts/reference/eoc_points.py}), for the points that {@link EocPointBenchmark} times and {@code
 * scripts/benchmarks/scipy_baseline.py} compares; with {@code --all}, for every point in the table.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.eoc.benchmarks.AccuracyReport
 * [--csv REFERENCE.csv] [--out RESULT.csv] [--all]}, run from the repository root.
 */
public final class AccuracyReport {

    /** The table written by scripts/reference/eoc_points.py, relative to the repository root. */
    static final String DEFAULT_REFERENCE = "eoc-core/src/test/resources/reference/eoc_points.csv";

    /** The points of {@link EocPointBenchmark}: its activations at its sigma_b. */
    static final List<String> ACTIVATIONS = List.of("tanh", "elu", "gelu", "swish", "selu", "erf");

    static final String SIGMA_B = "0.2";

    private AccuracyReport() {}

    /** One reference root: the table's columns that the comparison needs. */
    record Root(
            String activation,
            String sigmaB,
            int index,
            double qStar,
            double sigmaW,
            double chiQ) {}

    /** One compared point. */
    record Comparison(Root reference, EocPoint computed) {
        double sigmaWError() {
            return Math.abs(computed.sigmaW() - reference.sigmaW()) / reference.sigmaW();
        }

        double qStarError() {
            return Math.abs(computed.qStar() - reference.qStar()) / reference.qStar();
        }
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(DEFAULT_REFERENCE);
        Path out = null;
        boolean all = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--csv" -> csv = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--all" -> all = true;
                default ->
                        throw new IllegalArgumentException(
                                "unknown argument '"
                                        + args[i]
                                        + "'; usage: [--csv FILE] [--out FILE] [--all]");
            }
        }
        List<Comparison> rows = compare(selected(read(csv)), all);
        print(csv, rows, System.out);
        if (out != null) {
            write(out, rows);
        }
    }

    /** The table's roots, skipping the '#' provenance lines and the header. */
    static List<Root> read(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            throw new IOException(
                    csv
                            + " not found: generate it with python3 scripts/reference/eoc_points.py,"
                            + " or pass --csv with the table written by scipy_baseline.py");
        }
        List<Root> roots = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false; // activation,sigma_b,root_index,q_star,sigma_w,chi_q,...
                continue;
            }
            String[] f = line.split(",", -1);
            roots.add(
                    new Root(
                            f[0],
                            f[1],
                            Integer.parseInt(f[2]),
                            Double.parseDouble(f[3]),
                            Double.parseDouble(f[4]),
                            Double.parseDouble(f[5])));
        }
        return roots;
    }

    /**
     * The root that {@link EdgeOfChaos#solve(double)} reports, per (activation, sigma_b): the
     * stable one (chi_q &lt; 1) with the smallest q*, else the one with the smallest q*.
     */
    static Map<String, Root> selected(List<Root> roots) {
        Map<String, Root> chosen = new LinkedHashMap<>();
        for (Root r : roots) {
            String key = r.activation() + "@" + r.sigmaB();
            Root current = chosen.get(key);
            boolean better =
                    current == null
                            || (r.chiQ() < 1 && !(current.chiQ() < 1))
                            || (r.chiQ() < 1 == current.chiQ() < 1 && r.qStar() < current.qStar());
            if (better) {
                chosen.put(key, r);
            }
        }
        return chosen;
    }

    static List<Comparison> compare(Map<String, Root> chosen, boolean all) {
        List<Comparison> rows = new ArrayList<>();
        for (Root r : chosen.values()) {
            String spec = Activations.parse(r.activation()).spec();
            boolean benchmarked =
                    r.sigmaB().equals(SIGMA_B)
                            && ACTIVATIONS.stream()
                                    .anyMatch(a -> Activations.parse(a).spec().equals(spec));
            if ((all || benchmarked) && !Double.isNaN(r.qStar())) {
                try {
                    EocPoint p =
                            EdgeOfChaos.solve(
                                    Activations.parse(r.activation()),
                                    Double.parseDouble(r.sigmaB()));
                    rows.add(new Comparison(r, p));
                } catch (RuntimeException e) {
                    // a point the table has but the solver misses is a finding, not a crash
                    System.out.println(
                            "MISSING " + r.activation() + " sigma_b=" + r.sigmaB() + ": " + e);
                }
            }
        }
        return rows;
    }

    static void print(Path csv, List<Comparison> rows, PrintStream out) {
        out.println("eoc accuracy against " + csv + " (JDK " + Runtime.version() + ")");
        out.printf(
                Locale.ROOT,
                "%-12s %-7s %4s %-20s %-20s %12s %12s%n",
                "activation",
                "sigma_b",
                "root",
                "sigma_w",
                "q_star",
                "relerr_sw",
                "relerr_q");
        double worst = 0;
        for (Comparison c : rows) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %-7s %4d %-20.16g %-20.16g %12.2e %12.2e%n",
                    c.reference().activation(),
                    c.reference().sigmaB(),
                    c.reference().index(),
                    c.computed().sigmaW(),
                    c.computed().qStar(),
                    c.sigmaWError(),
                    c.qStarError());
            worst = Math.max(worst, Math.max(c.sigmaWError(), c.qStarError()));
        }
        out.printf(
                Locale.ROOT,
                "%d points, worst relative error %.2e (issue 2 asks <= 1e-9)%n",
                rows.size(),
                worst);
    }

    static void write(Path out, List<Comparison> rows) throws IOException {
        try (PrintWriter w =
                new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("# eoc AccuracyReport, JDK " + Runtime.version());
            w.println("activation,sigma_b,root_index,sigma_w,q_star,relerr_sigma_w,relerr_q_star");
            for (Comparison c : rows) {
                w.printf(
                        Locale.ROOT,
                        "%s,%s,%d,%.17g,%.17g,%.3e,%.3e%n",
                        c.reference().activation(),
                        c.reference().sigmaB(),
                        c.reference().index(),
                        c.computed().sigmaW(),
                        c.computed().qStar(),
                        c.sigmaWError(),
                        c.qStarError());
            }
        }
    }
}
