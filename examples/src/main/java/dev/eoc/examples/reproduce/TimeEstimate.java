package dev.eoc.examples.reproduce;

import dev.eoc.examples.train.EpochRecord;
import dev.eoc.examples.train.TrainingConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How long the rest of a grid will take, from measured epoch times only: a setting's remaining
 * epochs times its own mean wall time per epoch (training and evaluation) when it has finished
 * epochs, else times the mean over the settings that have. Without any finished epoch there is no
 * estimate: nothing is assumed about the machine.
 *
 * @param remainingSeconds estimated wall time of the remaining epochs
 * @param remainingEpochs epochs left, over all settings and seeds
 * @param measuredSettings settings whose own epochs gave their time per epoch
 * @param borrowedSettings settings with epochs left that had no measurement of their own and were
 *     assumed to take the mean time per epoch of the measured ones
 * @param borrowedSecondsPerEpoch that mean, NaN when no setting borrowed it
 */
public record TimeEstimate(
        double remainingSeconds,
        long remainingEpochs,
        int measuredSettings,
        int borrowedSettings,
        double borrowedSecondsPerEpoch) {

    /**
     * The estimate for {@code settings}, given the epochs each already recorded.
     *
     * @return empty when no setting has a finished epoch
     */
    public static Optional<TimeEstimate> of(
            List<TrainingConfig> settings, List<List<EpochRecord>> recorded) {
        if (settings.size() != recorded.size()) {
            throw new IllegalArgumentException(
                    settings.size() + " settings but " + recorded.size() + " record lists");
        }
        double measuredSum = 0;
        int measured = 0;
        double[] perEpoch = new double[settings.size()];
        for (int i = 0; i < settings.size(); i++) {
            perEpoch[i] =
                    recorded.get(i).stream()
                            .mapToDouble(r -> r.epochSeconds() + r.evalSeconds())
                            .average()
                            .orElse(Double.NaN);
            if (!Double.isNaN(perEpoch[i])) {
                measuredSum += perEpoch[i];
                measured++;
            }
        }
        if (measured == 0) {
            return Optional.empty();
        }
        double borrowed = measuredSum / measured;
        double seconds = 0;
        long epochs = 0;
        int borrowing = 0;
        for (int i = 0; i < settings.size(); i++) {
            long left = remainingEpochs(settings.get(i), recorded.get(i));
            epochs += left;
            if (Double.isNaN(perEpoch[i])) {
                borrowing += left > 0 ? 1 : 0;
                seconds += left * borrowed;
            } else {
                seconds += left * perEpoch[i];
            }
        }
        return Optional.of(
                new TimeEstimate(
                        seconds,
                        epochs,
                        measured,
                        borrowing,
                        borrowing > 0 ? borrowed : Double.NaN));
    }

    /** Epochs of {@code config} not yet in {@code recorded}, over its seeds. */
    static long remainingEpochs(TrainingConfig config, List<EpochRecord> recorded) {
        Map<Long, Integer> last = new HashMap<>();
        for (EpochRecord r : recorded) {
            last.merge(r.seed(), r.epoch(), Math::max);
        }
        long left = 0;
        for (int k = 0; k < config.seeds(); k++) {
            left += Math.max(0, config.epochs() - last.getOrDefault(config.seed(k), 0));
        }
        return left;
    }

    /** One sentence: the estimate and what it rests on. */
    public String describe() {
        StringBuilder s =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "estimated time left: %s for %d epoch(s), from the measured epoch"
                                        + " times of %d setting(s)",
                                duration(remainingSeconds),
                                remainingEpochs,
                                measuredSettings));
        if (borrowedSettings > 0) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "; %d setting(s) not measured yet are assumed to take their mean,"
                                    + " %.1f s per epoch",
                            borrowedSettings,
                            borrowedSecondsPerEpoch));
        }
        return s.toString();
    }

    /** "2 h 05 min", "12 min 03 s" or "42 s". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }
}
