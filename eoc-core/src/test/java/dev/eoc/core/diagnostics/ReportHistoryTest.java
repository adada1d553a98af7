package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The history a listener keeps: loss intervals, the initialization flag, symptoms announced once,
 * and several workers' snapshots of one iteration judged together (eoc-dl4j-spark's driver).
 */
class ReportHistoryTest {

    private static final int WIDTH = 300;
    private static final int CLASSES = 10;

    private static PropagationSnapshot tanhEoc() {
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).solve(0.2);
        double q0 = (p.qStar() - p.biasVariance()) / p.weightVariance();
        return Snapshots.probed(Activations.tanh(), p.sigmaW(), 0.2, q0, 0.5, 30, WIDTH);
    }

    private static PropagationSnapshot tanhOrdered() {
        return Snapshots.probed(Activations.tanh(), 1, 1, 1, 0.5, 30, WIDTH);
    }

    @Test
    void workersOfOneIterationShareOneLossIntervalAndEachIsJudgedWhole() {
        ReportHistory h = new ReportHistory();
        h.recordLoss(2.0);
        h.recordLoss(4.0);
        List<PropagationReport> first = h.judgeAll(List.of(tanhEoc(), tanhOrdered()), CLASSES);

        assertEquals(2, first.size());
        assertEquals(Verdict.HEALTHY, first.get(0).diagnosis().verdict());
        assertEquals(Verdict.ORDERED, first.get(1).diagnosis().verdict());
        for (PropagationReport r : first) {
            assertTrue(r.progress().initialization(), "both are the network at initialization");
            assertArrayEquals(new double[] {3.0}, r.progress().intervalLosses(), 0);
        }

        h.recordLoss(1.0);
        PropagationReport next = h.judge(tanhEoc(), CLASSES);
        assertFalse(next.progress().initialization());
        assertArrayEquals(new double[] {3.0, 1.0}, next.progress().intervalLosses(), 0);
        assertEquals(3, h.reports().size());
    }

    @Test
    void aSymptomSeveralWorkersShareIsAnnouncedOnceAndAgainOnlyAfterItWentAway() {
        ReportHistory h = new ReportHistory();
        h.judgeAll(List.of(tanhOrdered(), tanhOrdered()), CLASSES);
        long ordered = h.newFindings().stream().filter(f -> f.symptom() == Verdict.ORDERED).count();
        assertEquals(1, ordered, h.newFindings().toString());

        h.judgeAll(List.of(tanhOrdered(), tanhOrdered()), CLASSES);
        assertTrue(
                h.newFindings().stream().noneMatch(f -> f.symptom() == Verdict.ORDERED),
                "still ordered: nothing new");

        h.judgeAll(List.of(tanhEoc()), CLASSES);
        h.judgeAll(List.of(tanhEoc(), tanhOrdered()), CLASSES);
        assertTrue(
                h.newFindings().stream().anyMatch(f -> f.symptom() == Verdict.ORDERED),
                "ordered again after a healthy interval");
    }

    @Test
    void noSnapshotIsAnError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new ReportHistory().judgeAll(List.of(), CLASSES));
        assertTrue(e.getMessage().contains("at least one snapshot"), e.getMessage());
    }

    @Test
    void aSnapshotSurvivesJavaSerializationWithEveryValue()
            throws IOException, ClassNotFoundException {
        PropagationSnapshot s = tanhOrdered();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        PropagationSnapshot back;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (PropagationSnapshot) in.readObject();
        }
        assertEquals(s.iteration(), back.iteration());
        assertArrayEquals(s.qEmpirical(), back.qEmpirical(), 0);
        assertArrayEquals(s.cEmpirical(), back.cEmpirical(), 0);
        assertArrayEquals(s.theory().c(), back.theory().c(), 0);
        assertArrayEquals(s.theory().chi1(), back.theory().chi1(), 0);
        assertEquals(s.layers().get(4).activity(), back.layers().get(4).activity());
        assertArrayEquals(
                s.layers().get(4).pairCorrelations(), back.layers().get(4).pairCorrelations(), 0);
        assertEquals(PropagationDiagnosis.of(s).verdict(), PropagationDiagnosis.of(back).verdict());
    }
}
