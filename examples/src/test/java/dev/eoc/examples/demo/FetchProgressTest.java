package dev.eoc.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetchProgressTest {

    @Test
    void eachFetchStepAdvancesTheBarToFullAtTheLastStep() {
        StringWriter text = new StringWriter();
        FetchProgress p = new FetchProgress(new PrintWriter(text));
        for (int k = 0; k < FetchProgress.STEPS; k++) {
            p.accept("step " + k);
        }
        List<String> lines = text.toString().lines().toList();
        assertEquals(FetchProgress.STEPS, lines.size());
        assertTrue(lines.get(0).startsWith("MNIST [##----------] 1/6 "), lines.get(0));
        assertTrue(lines.get(5).startsWith("MNIST [############] 6/6 "), lines.get(5));
        assertTrue(lines.get(5).endsWith("step 5"), lines.get(5));
    }

    @Test
    void nothingToFetchIsOneLineWithoutABar() {
        StringWriter text = new StringWriter();
        new FetchProgress(new PrintWriter(text))
                .accept("MNIST is already in /data/mnist (MD5s verified); nothing to do");
        assertEquals(
                "MNIST is already in /data/mnist (MD5s verified); nothing to do",
                text.toString().strip());
    }
}
