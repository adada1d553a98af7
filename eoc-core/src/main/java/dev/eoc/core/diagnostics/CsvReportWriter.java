package dev.eoc.core.diagnostics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * CSV report file: {@code # key=value} provenance lines, a header, then one row per layer per
 * report (layer 0 = the input). Columns: iteration, layer, activation, q_empirical, c_empirical,
 * q_theory, c_theory, chi1, gradient_norm, weight_variance, bias_variance, verdict, c_band (the
 * finite-width band of |c - theory|), flat_fraction and dead_unit_fraction ({@link UnitActivity}).
 * Numbers are written with {@link Double#toString} (round-trip exact); NaN and infinities as empty
 * fields.
 */
final class CsvReportWriter implements ReportWriter {

    static final String HEADER =
            "iteration,layer,activation,q_empirical,c_empirical,q_theory,c_theory,chi1,"
                    + "gradient_norm,weight_variance,bias_variance,verdict,c_band,flat_fraction,"
                    + "dead_unit_fraction";

    private final BufferedWriter out;

    CsvReportWriter(Path file, Map<String, String> provenance) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : provenance.entrySet()) {
                out.write("# " + e.getKey() + "=" + e.getValue().replace('\n', ' '));
                out.newLine();
            }
            out.write(HEADER);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw ReportWriter.cannotOpen(file, e);
        }
    }

    @Override
    public void write(PropagationSnapshot s, PropagationDiagnosis.Diagnosis d) throws IOException {
        double[] q = s.qEmpirical();
        double[] c = s.cEmpirical();
        double[] qt = s.qTheory();
        double[] ct = s.cTheory();
        double[] chi = s.theory().chi1();
        double[] band = s.cBand();
        for (int l = 0; l <= s.depth(); l++) {
            LayerStatistics st = l == 0 ? null : s.layers().get(l - 1);
            String[] fields = {
                Long.toString(s.iteration()),
                Integer.toString(l),
                st == null ? "input" : quote(st.activation()),
                num(q[l]),
                num(c[l]),
                num(qt[l]),
                num(ct[l]),
                num(chi[l]),
                st == null ? "" : num(st.gradientNorm()),
                st == null ? "" : num(st.weightVariance()),
                st == null ? "" : num(st.biasVariance()),
                d.verdict().id(),
                st == null ? "" : num(band[l]),
                st == null ? "" : num(st.activity().flatFraction()),
                st == null ? "" : num(st.activity().deadUnitFraction())
            };
            out.write(String.join(",", fields));
            out.newLine();
        }
        out.flush();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /**
     * Quotes a field holding a comma or quote (an activation spec such as {@code elu(0.5)} has
     * none).
     */
    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
