package dev.eoc.examples.reproduce;

import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.Split;
import java.nio.file.Path;

/**
 * The display name of a dataset for a report, e.g. {@code CIFAR-10 (JPEG copy)}: CIFAR-10 may be
 * the official binaries, an exact subset of them or a lossy JPEG copy, and results must say which
 * ({@link Datasets#load}). The run files record only the dataset id, so the name is read from the
 * data directory's test split, which is the same copy the training split comes from.
 */
public final class DatasetLabel {

    private DatasetLabel() {}

    /**
     * The name of dataset {@code id} as {@link Datasets#load} reports it from {@code dataDir}; when
     * the files cannot be read, the id with a remark that the copy was not determined.
     */
    public static String of(String id, Path dataDir) {
        return switch (id) {
            case Datasets.MNIST -> "MNIST";
            case Datasets.FASHION_MNIST -> "Fashion-MNIST";
            default -> {
                try {
                    yield Datasets.load(id, Split.TEST, dataDir).name();
                } catch (RuntimeException e) {
                    yield fallback(id);
                }
            }
        };
    }

    /** The label when the data files are not at hand. */
    public static String fallback(String id) {
        return switch (id) {
            case Datasets.MNIST -> "MNIST";
            case Datasets.FASHION_MNIST -> "Fashion-MNIST";
            default -> id + " (which copy was used is not recorded and its files were not found)";
        };
    }
}
