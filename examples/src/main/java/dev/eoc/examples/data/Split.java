package dev.eoc.examples.data;

import java.util.Locale;

/** The two standard partitions of a dataset; {@link #id()} is the directory / file-name form. */
public enum Split {
    /** The training partition (MNIST: 60,000 images; CIFAR-10: 50,000). */
    TRAIN,
    /** The held-out test partition (MNIST and CIFAR-10: 10,000 images). */
    TEST;

    /** Lower-case name used in folder layouts and messages: {@code train} or {@code test}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
