package dev.eoc.benchmarks;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.PhaseDiagram;
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
 * A 200 x 200 phase diagram over sigma_w in [0.1, 4], sigma_b in [0, 4] (the range of Schoenholz et
 * al. 2017, Fig. 1); issue 2 asks for at most 2 s on one core. Each shot computes the whole grid
 * once on one thread ({@link PhaseDiagram#compute} is sequential, and builds its expectation tables
 * inside each shot), hence single-shot mode. {@link PhaseDiagramCpuTime} times the same workload in
 * thread CPU time, for shared machines.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class PhaseDiagramBenchmark {

    /** Grid points per axis named in issue 2. */
    static final int SIZE = 200;

    static final PhaseDiagram.Grid GRID = new PhaseDiagram.Grid(0.1, 4.0, 0.0, 4.0, SIZE);

    @Param({"tanh", "relu", "elu"})
    public String activation;

    private ActivationFunction phi;

    @Setup
    public void setUp() {
        phi = Activations.parse(activation);
    }

    @Benchmark
    public PhaseDiagram compute() {
        return PhaseDiagram.compute(phi, GRID, row -> {});
    }
}
