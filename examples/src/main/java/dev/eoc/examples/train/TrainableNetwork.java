package dev.eoc.examples.train;

import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A network under training in one framework: the only part of a run that touches framework types.
 * Implementations build the network of a {@link NetworkSpec}, initialize it, attach the framework's
 * signal-propagation listener and train it with plain SGD.
 */
public interface TrainableNetwork extends AutoCloseable {

    /**
     * One SGD step on a batch.
     *
     * @return the mean cross-entropy loss of the batch and how many rows the network classified
     *     correctly before the update
     */
    StepResult step(TrainingData.Batch batch);

    /** The predicted class of every row (inference mode: BatchNorm uses its running statistics). */
    int[] predict(TrainingData.Batch batch);

    /**
     * Per-layer q_l and c_l of the hidden pre-activations for pairs of inputs (rows 2k and 2k+1 of
     * {@code pairs}) at the current weights, with the mean-field theory next to them.
     *
     * @throws UnsupportedOperationException when the architecture has no probe
     */
    PropagationSnapshot measure(TrainingData.Batch pairs);

    /** Wall-clock nanoseconds the signal-propagation listener has spent in its reports so far. */
    long listenerNanos();

    /** The signal-propagation listener's reports so far (empty when it could not be attached). */
    List<PropagationReport> listenerReports();

    /**
     * Adds {@code delta} to every bias of the hidden layers (not the output layer), e.g. to inject
     * dead ReLU units from a negative bias in the diagnosis's fault-injection matrix.
     */
    void shiftHiddenBiases(double delta);

    /** Writes the parameters (BatchNorm running statistics included) to a file. */
    void save(Path file) throws IOException;

    /** Reads parameters written by {@link #save(Path)} for the same spec. */
    void load(Path file) throws IOException;

    @Override
    void close();

    /**
     * What one step measured.
     *
     * @param loss mean loss over the batch
     * @param correct rows whose arg-max prediction equalled the label, before the update
     */
    record StepResult(double loss, int correct) {}
}
