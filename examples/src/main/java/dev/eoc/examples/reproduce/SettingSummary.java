package dev.eoc.examples.reproduce;

import dev.eoc.examples.train.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * One setting's run reduced to what a report may state: the seeds that finished at least one epoch,
 * the last epoch that every one of them finished ({@link #commonEpoch()}), and mean and sample
 * standard deviation over those seeds of test accuracy and elapsed wall time at each epoch up to it
 * (Hayou, Doucet &amp; Rousseau 2019, section 5, report mean +- std over seeds). Epochs beyond
 * {@link #commonEpoch()} are left out, so every tabulated number averages the same seeds; nothing
 * is extrapolated.
 *
 * @param run the run directory's contents
 * @param lastEpochBySeed the last recorded epoch of each seed that recorded one, by seed
 */
public record SettingSummary(RunData run, Map<Long, Integer> lastEpochBySeed) {

    /** Epochs at which the paper reports EOC test accuracy (Hayou et al. 2019, section 5). */
    public static final List<Integer> MILESTONES = List.of(10, 50, 100);

    public SettingSummary {
        lastEpochBySeed = Map.copyOf(lastEpochBySeed);
    }

    /** Summarizes a run. */
    public static SettingSummary of(RunData run) {
        Map<Long, Integer> last = new TreeMap<>();
        for (EpochRecord r : run.epochs()) {
            last.merge(r.seed(), r.epoch(), Math::max);
        }
        return new SettingSummary(run, last);
    }

    /** Number of seeds with at least one finished epoch. */
    public int seedsDone() {
        return lastEpochBySeed.size();
    }

    /** The seeds with at least one finished epoch, ascending. */
    public List<Long> seeds() {
        return new TreeMap<>(lastEpochBySeed).keySet().stream().toList();
    }

    /** The last epoch every seed with a record has finished; 0 when there is none. */
    public int commonEpoch() {
        return lastEpochBySeed.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    /** The last epoch any seed has finished; 0 when there is none. */
    public int maxEpoch() {
        return lastEpochBySeed.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /**
     * The epochs a table states: those of {@link #MILESTONES} that every seed reached, then {@link
     * #commonEpoch()} if it is not one of them; empty when nothing was recorded.
     */
    public List<Integer> reportedEpochs() {
        int common = commonEpoch();
        List<Integer> out = new ArrayList<>();
        for (int m : MILESTONES) {
            if (m <= common) {
                out.add(m);
            }
        }
        if (common > 0 && !out.contains(common)) {
            out.add(common);
        }
        return out;
    }

    /**
     * Test accuracy (fraction) over the seeds at {@code epoch}.
     *
     * @throws IllegalArgumentException when {@code epoch} is not in 1..{@link #commonEpoch()}
     */
    public Stats testAccuracy(int epoch) {
        return over(epoch, EpochRecord::testAccuracy);
    }

    /** Elapsed wall time (seconds, training and evaluation) over the seeds at {@code epoch}. */
    public Stats elapsedSeconds(int epoch) {
        return over(epoch, EpochRecord::elapsedSeconds);
    }

    /** The epochs 1..{@link #commonEpoch()}, for charts. */
    public int[] epochs() {
        return IntStream.rangeClosed(1, commonEpoch()).toArray();
    }

    /**
     * Wall time spent on this setting: the elapsed time at each seed's last epoch, summed over
     * seeds (the seeds run one after the other).
     */
    public double wallSeconds() {
        double total = 0;
        for (EpochRecord r : run.epochs()) {
            if (lastEpochBySeed.get(r.seed()) == r.epoch()) {
                total += r.elapsedSeconds();
            }
        }
        return total;
    }

    /** Mean wall time of one epoch (training and evaluation) over every record; NaN when none. */
    public double secondsPerEpoch() {
        return run.epochs().stream()
                .mapToDouble(r -> r.epochSeconds() + r.evalSeconds())
                .average()
                .orElse(Double.NaN);
    }

    /** The listener's verdict after the last epoch of each seed, e.g. {@code healthy}. */
    public List<String> lastVerdicts() {
        return run.epochs().stream()
                .filter(r -> lastEpochBySeed.get(r.seed()) == r.epoch())
                .map(EpochRecord::verdict)
                .distinct()
                .toList();
    }

    /**
     * Mean over seeds of the per-layer rows at {@code epoch}: rows {@code {layer, measured c_l,
     * theory c_l}} by layer; empty when {@code layers.csv} has no row for that epoch (eoc-bn, or a
     * run without it).
     */
    public double[][] meanCorrelation(int epoch) {
        Map<Integer, double[]> sums = new TreeMap<>();
        for (LayerRow r : run.layers()) {
            if (r.epoch() == epoch && lastEpochBySeed.containsKey(r.seed())) {
                double[] s = sums.computeIfAbsent(r.layer(), l -> new double[3]);
                s[0] += r.c();
                s[1] += r.cTheory();
                s[2]++;
            }
        }
        double[][] out = new double[sums.size()][];
        int i = 0;
        for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            out[i++] = new double[] {e.getKey(), s[0] / s[2], s[1] / s[2]};
        }
        return out;
    }

    private Stats over(int epoch, ToDoubleFunction<EpochRecord> value) {
        if (epoch < 1 || epoch > commonEpoch()) {
            throw new IllegalArgumentException(
                    "epoch "
                            + epoch
                            + " was not reached by every seed of "
                            + run.directory()
                            + " (last common epoch "
                            + commonEpoch()
                            + ")");
        }
        double[] values =
                run.epochs().stream().filter(r -> r.epoch() == epoch).mapToDouble(value).toArray();
        return Stats.of(values);
    }
}
