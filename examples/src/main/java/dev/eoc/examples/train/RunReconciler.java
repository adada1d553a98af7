package dev.eoc.examples.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a run directory's records and checkpoints agree before a resume: per seed, the last epoch
 * recorded in {@code epochs.jsonl} and in {@code epochs.csv} and with a checkpoint wins; records
 * after it (an epoch a kill cut off in one file but not another, or whose checkpoint is gone) are
 * dropped from every file, so that they are trained again instead of counted twice or lost.
 */
final class RunReconciler {

    private static final java.util.regex.Pattern SEED =
            java.util.regex.Pattern.compile("\"seed\":(\\d+)");
    private static final java.util.regex.Pattern EPOCH =
            java.util.regex.Pattern.compile("\"epoch\":(\\d+)");

    private RunReconciler() {}

    /** Cuts {@code finished} and the files back per seed; adds a notice per seed cut. */
    static void reconcile(Path dir, List<EpochRecord> finished, List<String> notices) {
        Set<String> inCsv = new HashSet<>();
        java.util.Map<Long, Integer> csvLast = new java.util.HashMap<>();
        try {
            Path csv = dir.resolve("epochs.csv");
            if (Files.exists(csv)) {
                for (String line : Files.readAllLines(csv)) {
                    long[] se = RunFiles.seedEpoch(line);
                    if (se != null) {
                        inCsv.add(se[0] + "/" + se[1]);
                        csvLast.merge(se[0], (int) se[1], Math::max);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Set<Long> seeds = new TreeSet<>();
        finished.forEach(r -> seeds.add(r.seed()));
        seeds.addAll(csvLast.keySet());
        for (long seed : seeds) {
            int recorded = csvLast.getOrDefault(seed, 0);
            int good = 0;
            for (EpochRecord r : finished) {
                if (r.seed() == seed) {
                    recorded = Math.max(recorded, r.epoch());
                }
            }
            for (int e = recorded; e >= 1; e--) {
                final int epoch = e;
                boolean inJson =
                        finished.stream().anyMatch(r -> r.seed() == seed && r.epoch() == epoch);
                Path checkpoint =
                        dir.resolve("checkpoints")
                                .resolve("seed-" + seed + "-epoch-" + e + ".params");
                if (inJson && inCsv.contains(seed + "/" + e) && Files.exists(checkpoint)) {
                    good = e;
                    break;
                }
            }
            if (good < recorded) {
                final int keep = good;
                finished.removeIf(r -> r.seed() == seed && r.epoch() > keep);
                dropAfter(dir, seed, keep);
                notices.add(
                        "seed "
                                + seed
                                + ": epochs "
                                + (good + 1)
                                + "-"
                                + recorded
                                + " are not in every results file with a checkpoint; the run"
                                + " continues after epoch "
                                + good
                                + " and trains them again");
            }
        }
    }

    /** Drops a seed's rows after {@code epoch} from epochs.jsonl, epochs.csv and layers.csv. */
    static void dropAfter(Path dir, long seed, int epoch) {
        RunFiles.retain(dir.resolve("epochs.jsonl"), line -> !jsonAfter(line, seed, epoch));
        for (String name : List.of("epochs.csv", "layers.csv")) {
            RunFiles.retain(
                    dir.resolve(name),
                    line -> {
                        long[] se = RunFiles.seedEpoch(line);
                        return se == null || se[0] != seed || se[1] <= epoch;
                    });
        }
    }

    /** Whether a JSON line is a record of {@code seed} after {@code epoch} (cheap field match). */
    private static boolean jsonAfter(String line, long seed, int epoch) {
        java.util.regex.Matcher s = SEED.matcher(line);
        java.util.regex.Matcher e = EPOCH.matcher(line);
        return s.find()
                && e.find()
                && Long.parseLong(s.group(1)) == seed
                && Integer.parseInt(e.group(1)) > epoch;
    }
}
