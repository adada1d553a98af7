package dev.eoc.examples.reproduce;

import dev.eoc.examples.report.CsvWriter;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code report.csv}: the report's table in long form, one row per setting and reported epoch (see
 * {@link SettingSummary#reportedEpochs()}), with the paper's number for that setting and epoch
 * where the paper has one (Hayou, Doucet &amp; Rousseau 2019, section 5). Accuracies are in
 * percent; a standard deviation is NaN for a single seed.
 */
final class ReportCsv {

    /** The columns. */
    static final List<String> COLUMNS =
            List.of(
                    "dataset",
                    "dataset_label",
                    "framework",
                    "activation",
                    "init",
                    "depth",
                    "width",
                    "lr",
                    "batch",
                    "limit_train",
                    "limit_test",
                    "seeds",
                    "epoch",
                    "test_accuracy_mean_pct",
                    "test_accuracy_std_pct",
                    "elapsed_seconds_mean",
                    "paper_mean_pct",
                    "paper_std_pct",
                    "paper_source",
                    "same_protocol_as_paper",
                    "directory");

    /** Source named for a 100-epoch number. */
    static final String AFTER_100 = PaperResults.LABEL;

    /** Source named for an EOC number at epoch 10 or 50. */
    static final String BY_EPOCH = "paper EOC by epoch (mean of 10 seeds)";

    private ReportCsv() {}

    static void write(
            Path file,
            Provenance provenance,
            List<SettingSummary> settings,
            Function<String, String> datasetLabel) {
        try (CsvWriter csv = CsvWriter.create(file, provenance, COLUMNS)) {
            for (SettingSummary s : settings) {
                TrainingConfig c = s.run().config();
                for (int epoch : s.reportedEpochs()) {
                    Stats a = s.testAccuracy(epoch).scaled(100);
                    Optional<PaperResults.Value> paper = paperAt(c, epoch);
                    csv.row(
                            c.dataset(),
                            datasetLabel.apply(c.dataset()),
                            c.framework().id(),
                            c.activation(),
                            c.init().id(),
                            c.depth(),
                            c.width(),
                            c.learningRate(),
                            c.batch(),
                            c.limitTrain(),
                            c.limitTest(),
                            a.n(),
                            epoch,
                            a.mean(),
                            a.std(),
                            s.elapsedSeconds(epoch).mean(),
                            paper.map(PaperResults.Value::mean).orElse(Double.NaN),
                            paper.map(PaperResults.Value::std).orElse(Double.NaN),
                            paper.isEmpty()
                                    ? ""
                                    : epoch == PaperResults.EPOCHS ? AFTER_100 : BY_EPOCH,
                            PaperResults.sameProtocol(c),
                            s.run().directory().toString());
                }
            }
        }
    }

    /**
     * The paper's number for a setting at an epoch: the 100-epoch table at epoch 100, the EOC
     * by-epoch numbers at 10 and 50; empty elsewhere.
     */
    static Optional<PaperResults.Value> paperAt(TrainingConfig c, int epoch) {
        if (epoch == PaperResults.EPOCHS) {
            return PaperResults.after100Epochs(c.dataset(), c.activation(), c.init());
        }
        return c.init() == InitScheme.EOC
                ? PaperResults.eocAtEpoch(c.dataset(), c.activation(), epoch)
                : Optional.empty();
    }
}
