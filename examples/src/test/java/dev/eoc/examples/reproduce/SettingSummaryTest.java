package dev.eoc.examples.reproduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingSummaryTest {

    @TempDir Path dir;

    private SettingSummary summary(int... lastEpochs) throws IOException {
        Path run = dir.resolve("run-" + lastEpochs.length + "-" + lastEpochs[0]);
        SyntheticRun.write(run, "eoc", lastEpochs, (s, e) -> 0.5 + 0.001 * e, true);
        return SettingSummary.of(RunData.read(run));
    }

    @Test
    void reportsTheMilestonesReachedAndTheLastCommonEpoch() throws IOException {
        assertEquals(List.of(10, 50, 100), summary(100, 120).reportedEpochs());
        assertEquals(List.of(10, 50, 55), summary(55).reportedEpochs());
        assertEquals(List.of(7), summary(7, 9).reportedEpochs());
    }

    @Test
    void epochsBeyondTheLastCommonOneAreNotStatisticsOverSeeds() throws IOException {
        SettingSummary s = summary(3, 5);
        assertEquals(3, s.commonEpoch());
        assertEquals(5, s.maxEpoch());
        assertEquals(2, s.testAccuracy(3).n());
        assertThrows(IllegalArgumentException.class, () -> s.testAccuracy(4));
        // each seed's elapsed time at its last epoch, summed: (3 + 5) epochs of 2.5 s
        assertEquals(8 * 2.5, s.wallSeconds(), 1e-12);
    }

    @Test
    void meanCorrelationAveragesTheSeedsPerLayer() throws IOException {
        double[][] atInit = summary(2, 2).meanCorrelation(0);
        assertEquals(5, atInit.length);
        // layer 3: measured 0.2 + 0.3, theory 0.2 + 0.27 (SyntheticRun)
        assertArrayEquals(new double[] {3, 0.5, 0.47}, atInit[3], 1e-12);
        assertEquals(0, summary(1).meanCorrelation(9).length);
    }
}
