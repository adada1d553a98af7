package dev.eoc.examples.reproduce;

import dev.eoc.examples.report.Charts;
import dev.eoc.examples.train.InitScheme;
import java.awt.Color;

/** Colours of the report's charts: one per initialization scheme, one per activation. */
final class Palette {

    private Palette() {}

    /** The colour of a scheme: EOC blue, EOC + BN green, ordered red, default orange. */
    static Color of(InitScheme init) {
        return switch (init) {
            case EOC -> Charts.color(0);
            case EOC_BN -> Charts.color(2);
            case ORDERED -> Charts.color(1);
            case DEFAULT -> Charts.color(3);
        };
    }

    /** The k-th colour of the cycle. */
    static Color nth(int k) {
        return Charts.color(k);
    }
}
