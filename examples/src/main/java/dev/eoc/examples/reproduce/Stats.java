package dev.eoc.examples.reproduce;

import java.util.Locale;

/**
 * Mean and sample standard deviation of one quantity over seeds, as the paper's tables report them
 * (Hayou, Doucet &amp; Rousseau 2019, section 5: mean +- std over 10 runs).
 *
 * <p>std = sqrt(sum (x_i - mean)^2 / (n - 1)), computed in two passes (the mean first) so that it
 * is accurate to a few ulps for the small n of a report; NaN when n = 1, where no spread is known.
 *
 * @param n number of values, &gt;= 1
 * @param mean arithmetic mean
 * @param std sample standard deviation (n - 1 in the denominator), NaN when n = 1
 */
public record Stats(int n, double mean, double std) {

    public Stats {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one value, got n = " + n);
        }
    }

    /**
     * The statistics of {@code values}.
     *
     * @throws IllegalArgumentException when there are none
     */
    public static Stats of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("need at least one value");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        if (values.length == 1) {
            return new Stats(1, mean, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Stats(values.length, mean, Math.sqrt(squares / (values.length - 1)));
    }

    /** These statistics times {@code factor} (e.g. 100 for percent). */
    public Stats scaled(double factor) {
        return new Stats(n, mean * factor, std * factor);
    }

    /**
     * "93.57 ± 0.18" with two decimals, or "93.57 (n=1)" for a single value, whose spread is
     * unknown.
     */
    public String format() {
        if (n == 1) {
            return String.format(Locale.ROOT, "%.2f (n=1)", mean);
        }
        return String.format(Locale.ROOT, "%.2f ± %.2f", mean, std);
    }
}
