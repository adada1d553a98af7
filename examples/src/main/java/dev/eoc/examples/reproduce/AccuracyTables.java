package dev.eoc.examples.reproduce;

import static dev.eoc.examples.reproduce.MarkdownReport.NONE;
import static dev.eoc.examples.reproduce.MarkdownReport.cfg;
import static dev.eoc.examples.reproduce.MarkdownReport.row;
import static dev.eoc.examples.reproduce.MarkdownReport.separator;

import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The two accuracy tables of {@code report.md}: ours at the epochs every seed reached (mean +-
 * sample std over seeds) beside the paper's 100-epoch numbers, and our Edge-of-Chaos runs at epochs
 * 10, 50 and 100 beside the paper's by-epoch means (Hayou, Doucet &amp; Rousseau 2019, section 5).
 * A cell for an epoch that not every seed reached says so instead of a number.
 */
final class AccuracyTables {

    private AccuracyTables() {}

    static void accuracy(StringBuilder md, List<SettingSummary> settings) {
        List<Integer> milestones = reachedMilestones(settings);
        md.append("\n## Test accuracy (%)\n\n");
        md.append("Mean ± sample standard deviation over seeds, at epochs every seed of the")
                .append(" setting reached; \"n=1\" marks a single seed (no spread). ")
                .append(NONE)
                .append(": not reached.\n\n");
        List<String> head =
                new ArrayList<>(List.of("activation", "init", "framework", "seeds", "epochs"));
        milestones.forEach(m -> head.add("epoch " + m));
        head.add("last epoch");
        head.add(PaperResults.LABEL);
        row(md, head);
        separator(md, head.size());
        for (SettingSummary s : settings) {
            TrainingConfig k = cfg(s);
            List<String> cells =
                    new ArrayList<>(
                            List.of(
                                    k.activation(),
                                    k.init().id(),
                                    k.framework().id(),
                                    "" + s.seedsDone(),
                                    epochsCell(s)));
            for (int m : milestones) {
                cells.add(m <= s.commonEpoch() ? percent(s, m) : NONE);
            }
            cells.add(
                    s.commonEpoch() > 0
                            ? percent(s, s.commonEpoch()) + " at epoch " + s.commonEpoch()
                            : NONE);
            cells.add(
                    PaperResults.after100Epochs(k.dataset(), k.activation(), k.init())
                            .map(PaperResults.Value::format)
                            .orElse(NONE));
            row(md, cells);
        }
    }

    static void eocByEpoch(StringBuilder md, List<SettingSummary> settings) {
        List<SettingSummary> eoc =
                settings.stream()
                        .filter(s -> cfg(s).init() == InitScheme.EOC)
                        .filter(
                                s ->
                                        PaperResults.eocAtEpoch(
                                                        cfg(s).dataset(),
                                                        cfg(s).activation(),
                                                        PaperResults.BY_EPOCH.get(0))
                                                .isPresent())
                        .toList();
        if (eoc.isEmpty()) {
            return;
        }
        md.append("\n## Edge of Chaos by epoch: ours and the paper's (%)\n\n");
        md.append("The paper gives the mean of its ")
                .append(PaperResults.SEEDS)
                .append(" seeds at epochs 10, 50 and 100 (no spread). ")
                .append(NONE)
                .append(": our runs did not reach that epoch on every seed.")
                .append(" For ELU on CIFAR-10 the paper prints 47.76 at epoch 100 here and")
                .append(" 45.76 ± 0.91 in its 100-epoch table.\n\n");
        List<String> head = new ArrayList<>(List.of("activation", "framework", "seeds"));
        for (int e : PaperResults.BY_EPOCH) {
            head.add("ours, epoch " + e);
            head.add("paper, epoch " + e);
        }
        row(md, head);
        separator(md, head.size());
        for (SettingSummary s : eoc) {
            TrainingConfig k = cfg(s);
            List<String> cells =
                    new ArrayList<>(
                            List.of(k.activation(), k.framework().id(), "" + s.seedsDone()));
            for (int e : PaperResults.BY_EPOCH) {
                cells.add(e <= s.commonEpoch() ? percent(s, e) : NONE);
                cells.add(
                        PaperResults.eocAtEpoch(k.dataset(), k.activation(), e)
                                .map(PaperResults.Value::format)
                                .orElse(NONE));
            }
            row(md, cells);
        }
    }

    /** The milestones at least one setting reached on every seed. */
    static List<Integer> reachedMilestones(List<SettingSummary> settings) {
        Set<Integer> out = new TreeSet<>();
        for (SettingSummary s : settings) {
            for (int m : SettingSummary.MILESTONES) {
                if (m <= s.commonEpoch()) {
                    out.add(m);
                }
            }
        }
        return List.copyOf(out);
    }

    private static String epochsCell(SettingSummary s) {
        if (s.maxEpoch() == s.commonEpoch()) {
            return "" + s.commonEpoch();
        }
        return s.commonEpoch() + " (some seeds " + s.maxEpoch() + ")";
    }

    private static String percent(SettingSummary s, int epoch) {
        return s.testAccuracy(epoch).scaled(100).format();
    }
}
