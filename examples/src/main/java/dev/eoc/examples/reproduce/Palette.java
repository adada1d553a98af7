package dev.eoc.examples.reproduce;

import dev.eoc.examples.train.InitScheme;
import java.awt.Color;

/** Colours of the report's charts: one per initialization scheme, one per activation. */
final class Palette {

    /** matplotlib's tab10 colours, distinguishable in colour-blind vision for the first four. */
    private static final Color[] TAB10 = {
        new Color(0x1F77B4),
        new Color(0xD62728),
        new Color(0x2CA02C),
        new Color(0xFF7F0E),
        new Color(0x9467BD),
        new Color(0x8C564B),
        new Color(0xE377C2),
        new Color(0x17BECF)
    };

    private Palette() {}

    /** The colour of a scheme: EOC blue, EOC + BN green, ordered red, default orange. */
    static Color of(InitScheme init) {
        return switch (init) {
            case EOC -> TAB10[0];
            case EOC_BN -> TAB10[2];
            case ORDERED -> TAB10[1];
            case DEFAULT -> TAB10[3];
        };
    }

    /** The k-th colour of the cycle. */
    static Color nth(int k) {
        return TAB10[Math.floorMod(k, TAB10.length)];
    }
}
