package dev.eoc.examples.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import dev.eoc.examples.train.Framework;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault-injection matrix ({@code diagnosis-matrix.csv}) in both frameworks: each fault is
 * named, with its fix, within its first reports; no healthy control raises any warning.
 */
class DiagnosisMatrixTest {

    private static ImageDataset mnist;

    @BeforeAll
    static void load() {
        Path dataDir = DataDirectory.resolve(null);
        MnistFetcher.ensure(dataDir);
        mnist = Datasets.load(Datasets.MNIST, Split.TRAIN, dataDir).subset(MatrixRunner.IMAGES);
    }

    static List<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        for (FaultCase c : FaultCase.matrix()) {
            for (Framework f : Framework.values()) {
                args.add(Arguments.of(c.id(), f, c));
            }
        }
        return args;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cases")
    void listenerNamesTheFaultAndStaysQuietOnHealthyNetworks(
            String id, Framework framework, FaultCase c) {
        CaseOutcome o = MatrixRunner.run(c, framework, mnist);
        String detail =
                id
                        + " in "
                        + framework.id()
                        + ": named "
                        + o.namedIds()
                        + " at report "
                        + o.namedAt()
                        + "\n"
                        + String.join("\n", o.lines());
        assertTrue(o.reports() > 0, detail);
        if (c.healthy()) {
            assertTrue(o.named().isEmpty(), "false alarm: " + detail);
        } else {
            assertTrue(o.namedAt() > 0, "not named (or without its fix): " + detail);
            assertTrue(o.namedAt() <= c.within(), "named too late: " + detail);
        }
        assertTrue(o.passed(), detail);
    }

    @Test
    void matrixCoversEveryFaultClassOfTheIssueAndHealthyControls() {
        List<FaultCase> m = FaultCase.matrix();
        long controls = m.stream().filter(FaultCase::healthy).count();
        assertTrue(controls >= 6, "healthy controls: " + controls);
        for (String id :
                List.of(
                        "ordered-tanh",
                        "chaotic-tanh",
                        "relu-sigma-w-1",
                        "relu-sigma-w-2",
                        "dead-relu-negative-bias",
                        "saturated-sigmoid-raw-pixels",
                        "diverging-learning-rate",
                        "collapse-during-training",
                        "nan-in-input",
                        "past-trainable-depth")) {
            assertTrue(m.stream().anyMatch(c -> c.id().equals(id)), id);
        }
    }

    @Test
    void aMalformedMatrixIsRefusedWithTheLine() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                FaultCase.parse(
                                        new BufferedReader(
                                                new StringReader(
                                                        String.join(",", FaultCase.COLUMNS)
                                                                + "\nx,healthy,0,tanh\n"))));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertFalse(FaultCase.matrix().isEmpty());
        assertEquals("healthy", FaultCase.matrix().get(0).expectation());
    }
}
