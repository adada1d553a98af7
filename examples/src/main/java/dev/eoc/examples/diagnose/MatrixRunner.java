package dev.eoc.examples.diagnose;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.Finding;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitPoint;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.NetworkSpec;
import dev.eoc.examples.train.Networks;
import dev.eoc.examples.train.TrainableNetwork;
import dev.eoc.examples.train.TrainingData;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one {@link FaultCase} in one framework: builds the case's MLP through the same {@link
 * TrainableNetwork} as {@code ./eoc train} (DJL's pipelined step or Trainer, DL4J's fit, the
 * framework's listener attached), injects the fault, trains it for the case's steps on MNIST and
 * judges the listener's reports.
 */
public final class MatrixRunner {

    /** Training images the matrix uses (the first of MNIST's training set). */
    public static final int IMAGES = 1024;

    /** Mini-batch size. */
    public static final int BATCH = 32;

    /** Steps between listener reports. */
    public static final int INTERVAL = 10;

    private MatrixRunner() {}

    /** Runs the case; {@code mnist} holds at least {@link #IMAGES} training images. */
    public static CaseOutcome run(FaultCase c, Framework framework, ImageDataset mnist) {
        double inputScale = c.inject().startsWith("input-scale=") ? value(c.inject()) : 1;
        TrainingData data = TrainingData.of(mnist, IMAGES, inputScale);
        NetworkSpec spec =
                new NetworkSpec(
                        c.activation(),
                        data.featureCount(),
                        c.depth(),
                        c.width(),
                        data.classCount(),
                        point(c),
                        c.seed(),
                        c.learningRate(),
                        INTERVAL,
                        null,
                        Map.of());
        try (TrainableNetwork net = Networks.create(framework, spec)) {
            if (c.inject().startsWith("bias=")) {
                net.shiftHiddenBiases(value(c.inject()));
            }
            int[] order = data.order(c.seed(), 0);
            for (int step = 0; step < c.steps(); step++) {
                int from = (step * BATCH) % (data.size() - BATCH + 1);
                TrainingData.Batch b = data.batch(order, from, BATCH);
                net.step(c.inject().equals("nan-input") ? withNaN(b) : b);
            }
            return judge(c, framework, net.listenerReports());
        }
    }

    static CaseOutcome judge(FaultCase c, Framework framework, List<PropagationReport> reports) {
        Set<Verdict> named = EnumSet.noneOf(Verdict.class);
        int namedAt = 0;
        for (int i = 0; i < reports.size(); i++) {
            for (Finding f : reports.get(i).diagnosis().findings()) {
                if (f.severity() == Finding.Severity.NOTICE) {
                    continue;
                }
                named.add(f.symptom());
                if (namedAt == 0
                        && c.expected().contains(f.symptom())
                        && (c.fix().isEmpty() || f.fix().contains(c.fix()))) {
                    namedAt = i + 1;
                }
            }
        }
        boolean passed =
                !reports.isEmpty()
                        && (c.healthy() ? named.isEmpty() : namedAt > 0 && namedAt <= c.within());
        PropagationReport first = reports.isEmpty() ? null : reports.get(0);
        return new CaseOutcome(
                framework.id(),
                reports.size(),
                namedAt,
                named,
                first == null ? Verdict.HEALTHY : first.diagnosis().verdict(),
                first == null ? "no report" : first.diagnosis().message(),
                passed,
                reports.stream().map(PropagationReport::line).toList());
    }

    private static InitPoint point(FaultCase c) {
        double sigmaB = c.sigmaB();
        double sigmaW = c.sigmaW();
        if (Double.isNaN(sigmaB) || Double.isNaN(sigmaW)) {
            EdgeOfChaos eoc = EdgeOfChaos.of(Activations.parse(c.activation()));
            EocPoint p = Double.isNaN(sigmaB) ? eoc.recommended() : eoc.solve(sigmaB);
            sigmaB = p.sigmaB();
            sigmaW = Double.isNaN(sigmaW) ? p.sigmaW() : sigmaW;
        }
        return new InitPoint(
                InitScheme.EOC, sigmaB, sigmaW, Double.NaN, Double.NaN, 1, "case " + c.id());
    }

    private static double value(String inject) {
        return Double.parseDouble(inject.substring(inject.indexOf('=') + 1));
    }

    /** The batch with its first pixel of every image NaN. */
    private static TrainingData.Batch withNaN(TrainingData.Batch b) {
        float[] x = b.features().clone();
        for (int r = 0; r < b.rows(); r++) {
            x[r * b.featureCount()] = Float.NaN;
        }
        return new TrainingData.Batch(x, b.labels(), b.featureCount());
    }
}
