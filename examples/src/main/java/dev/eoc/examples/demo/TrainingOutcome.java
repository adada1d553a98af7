package dev.eoc.examples.demo;

import dev.eoc.examples.train.EpochRecord;
import dev.eoc.examples.train.InitPoint;
import java.nio.file.Path;

/**
 * What one of the demo's training runs reached.
 *
 * @param init the initialization
 * @param phase its phase in words ({@link TheoryRow#phase})
 * @param epoch the run's (single) epoch: test accuracy, training loss and accuracy, seconds
 * @param directory the run's output directory (epochs.csv, layers.csv, run.json)
 */
public record TrainingOutcome(InitPoint init, String phase, EpochRecord epoch, Path directory) {

    /** Test accuracy in [0, 1]. */
    public double testAccuracy() {
        return epoch.testAccuracy();
    }
}
