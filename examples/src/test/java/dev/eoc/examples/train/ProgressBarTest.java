package dev.eoc.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written progress bar kept instead of a library (issue 15, item 12): its contract. */
class ProgressBarTest {

    @Test
    void withoutATerminalItPrintsATenthOfAPhasePerLineAndTheSummary() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s), false, 200);
        bar.start("seed 1/1 epoch 1/2", 100);
        for (int i = 0; i < 100; i++) {
            bar.step();
        }
        bar.finish("seed 1 epoch 1: done");
        List<String> lines = s.toString().lines().toList();
        assertEquals(11, lines.size(), s.toString()); // 10 progress lines + the summary
        assertTrue(lines.get(0).startsWith("seed 1/1 epoch 1/2 [##"), lines.get(0));
        assertTrue(lines.get(0).contains(" 10% 10/100 batches"), lines.get(0));
        assertTrue(lines.get(9).contains("[########################] 100% 100/100"), lines.get(9));
        assertEquals("seed 1 epoch 1: done", lines.get(10));
    }

    @Test
    void onATerminalItRedrawsOneLineAndClearsItForTheSummary() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s), true, 3);
        bar.start("phase", 3);
        bar.step();
        bar.step();
        bar.step();
        bar.finish("summary");
        String out = s.toString();
        assertTrue(out.startsWith("\r"), out);
        assertTrue(out.contains("100% 3/3 batches"), out);
        assertTrue(out.endsWith("\rsummary" + System.lineSeparator()), out);
        assertEquals(
                1, out.chars().filter(ch -> ch == '\n').count(), "no new line before the summary");
    }

    @Test
    void clockFormatsMinutesHoursAndUnknown() {
        assertEquals("0:07", ProgressBar.clock(7.4));
        assertEquals("2:05", ProgressBar.clock(125));
        assertEquals("1:00:01", ProgressBar.clock(3601));
        assertEquals("?", ProgressBar.clock(Double.NaN));
    }
}
