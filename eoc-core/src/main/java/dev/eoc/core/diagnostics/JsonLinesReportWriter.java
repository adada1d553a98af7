package dev.eoc.core.diagnostics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON Lines report file (one JSON object per line, RFC 8259). The first line is {@code
 * {"type":"provenance", ...}}, then one {@code {"type":"report", ...}} per report with keys
 * iteration, verdict, message, mean_chi1, max_abs_c_error, residual (whether the theory is the
 * residual one), batch_norm (whether it stops at a BatchNorm) and the arrays activation,
 * q_empirical, c_empirical, q_theory, c_theory, chi1, gradient_norm, weight_variance,
 * bias_variance, c_band, flat_fraction, dead_unit_fraction over layers (index 0 = input;
 * per-layer-only quantities hold null there), and findings: one object per finding with symptom,
 * severity, layer, measured, expected, evidence and fix. NaN and infinities are written as null,
 * since JSON has no such numbers. Written by hand: the core has no JSON dependency.
 */
final class JsonLinesReportWriter implements ReportWriter {

    private final BufferedWriter out;

    JsonLinesReportWriter(Path file, Map<String, String> provenance) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            StringBuilder b = new StringBuilder("{\"type\":\"provenance\"");
            for (Map.Entry<String, String> e : provenance.entrySet()) {
                b.append(',').append(string(e.getKey())).append(':').append(string(e.getValue()));
            }
            out.write(b.append('}').toString());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw ReportWriter.cannotOpen(file, e);
        }
    }

    @Override
    public void write(PropagationSnapshot s, PropagationDiagnosis.Diagnosis d) throws IOException {
        int n = s.depth() + 1;
        String[] activation = new String[n];
        double[] grad = new double[n];
        double[] wv = new double[n];
        double[] bv = new double[n];
        double[] flat = new double[n];
        double[] dead = new double[n];
        grad[0] = wv[0] = bv[0] = flat[0] = dead[0] = Double.NaN;
        for (int l = 1; l < n; l++) {
            LayerStatistics st = s.layers().get(l - 1);
            flat[l] = st.activity().flatFraction();
            dead[l] = st.activity().deadUnitFraction();
            activation[l] = st.activation();
            grad[l] = st.gradientNorm();
            wv[l] = st.weightVariance();
            bv[l] = st.biasVariance();
        }
        StringBuilder b = new StringBuilder("{\"type\":\"report\"");
        b.append(",\"iteration\":").append(s.iteration());
        b.append(",\"verdict\":").append(string(d.verdict().id()));
        b.append(",\"message\":").append(string(d.message()));
        b.append(",\"mean_chi1\":").append(number(d.meanChi1()));
        b.append(",\"max_abs_c_error\":").append(number(s.maxAbsCError()));
        b.append(",\"residual\":").append(s.theory().residual());
        b.append(",\"batch_norm\":").append(s.theory().normalized());
        b.append(",\"activation\":[");
        for (int l = 0; l < n; l++) {
            b.append(l == 0 ? "" : ",")
                    .append(activation[l] == null ? "null" : string(activation[l]));
        }
        b.append(']');
        array(b, "q_empirical", s.qEmpirical());
        array(b, "c_empirical", s.cEmpirical());
        array(b, "q_theory", s.qTheory());
        array(b, "c_theory", s.cTheory());
        array(b, "chi1", s.theory().chi1());
        array(b, "gradient_norm", grad);
        array(b, "weight_variance", wv);
        array(b, "bias_variance", bv);
        array(b, "c_band", s.cBand());
        array(b, "flat_fraction", flat);
        array(b, "dead_unit_fraction", dead);
        b.append(",\"findings\":[");
        for (int i = 0; i < d.findings().size(); i++) {
            Finding f = d.findings().get(i);
            b.append(i == 0 ? "{" : ",{");
            b.append("\"symptom\":").append(string(f.symptom().id()));
            b.append(",\"severity\":").append(string(f.severity().id()));
            b.append(",\"layer\":").append(f.layer());
            b.append(",\"measured\":").append(number(f.measured()));
            b.append(",\"expected\":").append(number(f.expected()));
            b.append(",\"evidence\":").append(string(f.evidence()));
            b.append(",\"fix\":").append(string(f.fix()));
            b.append('}');
        }
        b.append(']');
        out.write(b.append('}').toString());
        out.newLine();
        out.flush();
    }

    private static void array(StringBuilder b, String key, double[] values) {
        b.append(',').append(string(key)).append(":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(number(values[i]));
        }
        b.append(']');
    }

    /** A JSON number; NaN and infinities become null. */
    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    /** A JSON string literal with the escapes RFC 8259 section 7 requires. */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
