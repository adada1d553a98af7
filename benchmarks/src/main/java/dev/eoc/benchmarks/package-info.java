/**
 * JMH benchmarks of eoc-core for the speed targets of issue 2 (one Edge-of-Chaos point, a 200-layer
 * trajectory, a 200 x 200 phase diagram) and {@link dev.eoc.benchmarks.AccuracyReport}, which puts
 * the solver's error against the 40-digit mpmath table next to the SciPy baseline of {@code
 * scripts/benchmarks/scipy_baseline.py}. Run everything with {@code scripts/benchmarks/run-all.sh};
 * the Maven build only compiles and packages {@code benchmarks/target/benchmarks.jar}.
 */
package dev.eoc.benchmarks;
