package dev.eoc.examples.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.examples.train.EpochRecord;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeEstimateTest {

    private static TrainingConfig config(int epochs, int seeds) {
        return TrainingConfig.paper(Framework.DJL, "mnist", "tanh", InitScheme.EOC)
                .withEpochs(epochs)
                .withSeeds(seeds);
    }

    private static EpochRecord epoch(long seed, int epoch, double seconds) {
        return new EpochRecord(
                seed, epoch, 1, 0.5, 0.5, seconds - 1, 1, epoch * seconds, "none", 1);
    }

    @Test
    void withoutAFinishedEpochThereIsNoEstimate() {
        assertTrue(TimeEstimate.of(List.of(config(5, 2)), List.of(List.of())).isEmpty());
    }

    @Test
    void usesEachSettingsOwnTimeAndTheMeasuredMeanForTheOthers() {
        // setting A: 2 of 3 x 2 epochs done at 10 s and 20 s (mean 15 s): 4 left = 60 s
        // setting B: nothing done, 6 epochs at A's mean 15 s = 90 s
        TimeEstimate t =
                TimeEstimate.of(
                                List.of(config(3, 2), config(3, 2)),
                                List.of(List.of(epoch(1, 1, 10), epoch(1, 2, 20)), List.of()))
                        .orElseThrow();
        assertEquals(150, t.remainingSeconds(), 1e-9);
        assertEquals(10, t.remainingEpochs());
        assertEquals(1, t.measuredSettings());
        assertEquals(1, t.borrowedSettings());
        assertTrue(t.describe().contains("2 min 30 s for 10 epoch(s)"), t.describe());
    }

    @Test
    void durationsAreRounded() {
        assertEquals("42 s", TimeEstimate.duration(41.6));
        assertEquals("2 h 05 min", TimeEstimate.duration(2 * 3600 + 5 * 60 + 20));
    }
}
