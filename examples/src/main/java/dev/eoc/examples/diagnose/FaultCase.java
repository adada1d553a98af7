package dev.eoc.examples.diagnose;

import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One row of the diagnosis's fault-injection matrix ({@code diagnosis-matrix.csv}): a small MLP
 * that has one fault (or none), and what the listener must say about it.
 *
 * @param id short name
 * @param expected symptoms of which one must be named (empty: a healthy control, nothing may warn)
 * @param within the report by which the symptom must be named (1 = the first report)
 * @param activation activation spec
 * @param sigmaB bias std, or NaN for the activation's recommended EOC point
 * @param sigmaW weight std, or NaN for the EOC
 * @param depth hidden layers
 * @param width units per hidden layer
 * @param learningRate SGD learning rate
 * @param steps SGD steps to run
 * @param seed seed of weights and batch order
 * @param inject the injected fault: {@code none}, {@code bias=D}, {@code input-scale=S}, {@code
 *     nan-input}
 * @param fix text the matching finding's advice must contain (empty: not checked)
 */
public record FaultCase(
        String id,
        Set<Verdict> expected,
        int within,
        String activation,
        double sigmaB,
        double sigmaW,
        int depth,
        int width,
        double learningRate,
        int steps,
        long seed,
        String inject,
        String fix) {

    /** The resource holding the matrix. */
    public static final String RESOURCE = "diagnosis-matrix.csv";

    /** Columns of the CSV, in order. */
    static final List<String> COLUMNS =
            List.of(
                    "id",
                    "expect",
                    "within",
                    "activation",
                    "sigma_b",
                    "sigma_w",
                    "depth",
                    "width",
                    "lr",
                    "steps",
                    "seed",
                    "inject",
                    "fix");

    public FaultCase {
        expected = Set.copyOf(expected);
    }

    /** True for a healthy control. */
    public boolean healthy() {
        return expected.isEmpty();
    }

    /** "healthy" or the expected symptom ids joined by '|'. */
    public String expectation() {
        return healthy()
                ? "healthy"
                : expected.stream().map(Verdict::id).sorted().collect(Collectors.joining("|"));
    }

    /** Every case of the matrix, in file order. */
    public static List<FaultCase> matrix() {
        try (InputStream in = FaultCase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<FaultCase> parse(BufferedReader r) throws IOException {
        List<FaultCase> cases = new ArrayList<>();
        boolean header = true;
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (header) {
                if (!Arrays.asList(f).equals(COLUMNS)) {
                    throw new IllegalArgumentException(
                            RESOURCE + " line " + lineNo + ": header must be " + COLUMNS);
                }
                header = false;
                continue;
            }
            if (f.length != COLUMNS.size()) {
                throw new IllegalArgumentException(
                        RESOURCE
                                + " line "
                                + lineNo
                                + ": "
                                + f.length
                                + " fields, expected "
                                + COLUMNS.size());
            }
            cases.add(
                    new FaultCase(
                            f[0],
                            symptoms(f[1]),
                            Integer.parseInt(f[2]),
                            f[3],
                            sigma(f[4]),
                            sigma(f[5]),
                            Integer.parseInt(f[6]),
                            Integer.parseInt(f[7]),
                            Double.parseDouble(f[8]),
                            Integer.parseInt(f[9]),
                            Long.parseLong(f[10]),
                            f[11],
                            f[12]));
        }
        return cases;
    }

    private static Set<Verdict> symptoms(String s) {
        if (s.equals("healthy")) {
            return Set.of();
        }
        return Arrays.stream(s.split("\\|"))
                .map(id -> Verdict.valueOf(id.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
    }

    private static double sigma(String s) {
        return s.equals("eoc") ? Double.NaN : Double.parseDouble(s);
    }
}
