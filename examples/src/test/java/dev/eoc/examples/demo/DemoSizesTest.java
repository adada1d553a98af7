package dev.eoc.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.examples.train.Framework;
import org.junit.jupiter.api.Test;

class DemoSizesTest {

    @Test
    void standardDjlRunTrainsBeyondTheDefaultsTrainableDepth() {
        DemoSizes s = DemoSizes.standard(Framework.DJL);
        double limit =
                TheoryTable.analyzeDefault(Framework.DJL, Activations.parse(Demo.ACTIVATION))
                        .trainableDepth();
        assertTrue(s.trainDepth() > limit, "depth " + s.trainDepth() + " vs limit " + limit);
        assertEquals(100, s.probeDepth()); // the depth-100 network at initialization
        assertEquals(600, s.steps());
    }

    @Test
    void quickSizesAreSmallerInEveryRespect() {
        DemoSizes q = DemoSizes.quick();
        for (Framework f : Framework.values()) {
            DemoSizes s = DemoSizes.standard(f);
            assertTrue(q.probeDepth() < s.probeDepth());
            assertTrue(q.probeWidth() < s.probeWidth());
            assertTrue(q.trainDepth() < s.trainDepth());
            assertTrue(q.trainWidth() < s.trainWidth());
            assertTrue(q.steps() < s.steps());
            assertTrue(q.testExamples() < s.testExamples());
        }
    }

    @Test
    void rejectsSizesThatCannotRun() {
        assertThrows(
                IllegalArgumentException.class, () -> new DemoSizes(0, 10, 1, 1, 1, 2, 0.1, 2, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new DemoSizes(1, 10, 1, 1, 1, 64, 0.1, 10, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new DemoSizes(1, 10, 1, 1, 1, 2, Double.NaN, 2, 1));
        assertEquals(3, new DemoSizes(1, 1, 1, 1, 1, 2, 0.1, 5, 1).steps());
    }
}
