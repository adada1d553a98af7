package dev.eoc.core.activation;

/** Formats activation parameters in specs: 1.0 prints as 1, 0.2 as 0.2. */
final class SpecFormat {

    private SpecFormat() {}

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
