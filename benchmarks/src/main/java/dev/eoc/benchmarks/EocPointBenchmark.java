package dev.eoc.benchmarks;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Edge-of-Chaos point (sigma_w and q* for a given sigma_b); issue 2 asks for at most 200
 * microseconds median after warm-up, so the mode is {@link Mode#SampleTime} and the figure to read
 * is p0.50.
 *
 * <p>What is cached: nothing that {@code solve} uses. The solver evaluates only the 1-D moments V,
 * D, dV at each trial q, which {@code Expectations.moments} recomputes on every call; the one cache
 * in eoc-core (the Mehler series of the last q inside the numerical expectations) serves pair
 * expectations C(q, c), which the EOC solver never asks for. Quadrature nodes and weights are
 * static tables built once per JVM, as in any use of the library. So every invocation at a fixed
 * sigma_b does the full scan and Brent refinement, and sigma_b is kept at exactly the value
 * compared with the SciPy baseline and the mpmath table instead of being jittered.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class EocPointBenchmark {

    /** The activations compared with the SciPy baseline (scripts/benchmarks/scipy_baseline.py). */
    @Param({"tanh", "elu", "gelu", "swish", "selu", "erf"})
    public String activation;

    /** The paper's sigma_b for tanh (Hayou et al. 2019, section 5), used for every activation. */
    @Param({"0.2"})
    public double sigmaB;

    private ActivationFunction phi;
    private EdgeOfChaos solver;

    @Setup
    public void setUp() {
        phi = Activations.parse(activation);
        solver = EdgeOfChaos.of(phi);
    }

    /** The solver built once, as a caller solving many points for one activation would. */
    @Benchmark
    public EocPoint solve() {
        return solver.solve(sigmaB);
    }

    /** The static shortcut, which builds the solver (and its expectations) on every call. */
    @Benchmark
    public EocPoint solveStatic() {
        return EdgeOfChaos.solve(phi, sigmaB);
    }
}
