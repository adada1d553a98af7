package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.MnistFetcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, items 1-4: a run directory survives a second writer, a kill during a write, a damaged
 * checkpoint and a diverged training; after each nothing complete is lost and the next {@code
 * --resume} continues like an uninterrupted run (same losses to float rounding) or refuses in one
 * line. Each test failed before the fix (both writers ran; the cut-off line was kept; a stack
 * trace; 'checkpoint is missing, use a new --out'; NaN epochs recorded with exit 0).
 */
class RunFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A small DJL MNIST run: a few seconds per epoch. */
    private static final String[] SMALL = {
        "train", "--framework", "djl", "--dataset", "mnist", "--activation", "tanh", "--depth", "4",
        "--width", "32", "--limit-train", "1000", "--limit-test", "500", "--batch", "32", "--lr",
        "1e-2", "--seeds", "1"
    };

    @TempDir Path dir;

    @BeforeAll
    static void mnist() {
        MnistFetcher.ensure(DataDirectory.resolve(null));
    }

    private static CliRun train(Path out, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of(SMALL));
        for (int i = 0; i + 1 < more.length; i++) {
            int at = args.indexOf(more[i]);
            if (more[i].startsWith("--") && at >= 0 && !more[i].equals("--resume")) {
                args.remove(at + 1); // an override: SMALL's value goes
                args.remove(at);
            }
        }
        args.addAll(List.of("--epochs", Integer.toString(epochs), "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aSecondRunOnALockedDirectoryIsRefusedAndAStaleLockIsTakenOver() throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        // another process holds the lock
        Process holder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                LockHolder.class.getName(),
                                out.resolve(".lock").toString())
                        .redirectErrorStream(true)
                        .start();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", r.readLine());
            CliRun refused = train(out, 1);
            assertEquals(ErrorHandling.EXIT_RUN_FAILED, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("is in use by another eoc run"), refused.err());
            assertFalse(refused.err().contains("\tat "), "no stack trace: " + refused.err());
            assertFalse(Files.exists(out.resolve("epochs.jsonl")), "the refused run wrote nothing");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        // a lock file naming a process that died without releasing it
        Files.writeString(out.resolve(".lock"), "424242\n");
        CliRun ok = train(out, 1);
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.err().contains("took over the lock of process 424242"), ok.err());
        // same JVM, lock held: refused too
        try (FileChannel ch = FileChannel.open(out.resolve(".lock"), StandardOpenOption.WRITE);
                FileLock l = ch.lock()) {
            CliRun again = train(out, 2, "--resume");
            assertEquals(ErrorHandling.EXIT_RUN_FAILED, again.exitCode(), again.toString());
        }
    }

    @Test
    void aCutOffLastLineIsDroppedAndItsEpochTrainedAgain() throws IOException {
        Path straight = dir.resolve("straight");
        Path cut = dir.resolve("cut");
        assertEquals(0, train(straight, 3).exitCode());
        assertEquals(0, train(cut, 2).exitCode());
        // a kill while epoch 2's record was written: its JSONL line lost its end
        truncateBy(cut.resolve("epochs.jsonl"), 25);
        CliRun resumed = train(cut, 3, "--resume");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(
                resumed.err().contains("epochs.jsonl: dropped an incomplete last line"),
                resumed.err());
        assertTrue(resumed.err().contains("continues after epoch 1"), resumed.err());
        assertSameEpochs(straight, cut);
    }

    @Test
    void aDamagedCheckpointFallsBackToThePreviousOne() throws IOException {
        Path straight = dir.resolve("straight");
        Path damaged = dir.resolve("damaged");
        assertEquals(0, train(straight, 3).exitCode());
        assertEquals(0, train(damaged, 2).exitCode());
        Path checkpoint = damaged.resolve("checkpoints").resolve("seed-1-epoch-2.params");
        try (RandomAccessFile f = new RandomAccessFile(checkpoint.toFile(), "rw")) {
            f.setLength(1000);
        }
        CliRun resumed = train(damaged, 3, "--resume");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.err().contains("seed-1-epoch-2.params is damaged"), resumed.err());
        assertTrue(resumed.err().contains("after epoch 1 dropped"), resumed.err());
        assertFalse(resumed.err().contains("\tat "), "no stack trace: " + resumed.err());
        assertSameEpochs(straight, damaged);
    }

    @Test
    void aMissingCheckpointCutsTheRecordsBackToTheLastEpochThatHasOne() throws IOException {
        Path straight = dir.resolve("straight");
        Path missing = dir.resolve("missing");
        assertEquals(0, train(straight, 3).exitCode());
        assertEquals(0, train(missing, 2).exitCode());
        Files.delete(missing.resolve("checkpoints").resolve("seed-1-epoch-2.params"));
        CliRun resumed = train(missing, 3, "--resume");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.err().contains("continues after epoch 1"), resumed.err());
        assertSameEpochs(straight, missing);
    }

    @Test
    void aDivergedTrainingStopsWithoutRecordingNaN() throws IOException {
        Path out = dir.resolve("nan");
        CliRun run = train(out, 3, "--lr", "1e30");
        assertEquals(ErrorHandling.EXIT_RUN_FAILED, run.exitCode(), run.toString());
        assertTrue(run.err().contains("seed 1 diverged"), run.err());
        assertTrue(run.err().contains("lower --lr"), run.err());
        for (JsonNode n : epochs(out)) {
            assertTrue(Double.isFinite(n.get("train_loss").asDouble()), n.toString());
        }
    }

    private static void truncateBy(Path file, int bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - bytes);
        }
    }

    /** Epochs 1..n once each, every file line whole, the same losses as the straight run. */
    private static void assertSameEpochs(Path straight, Path repaired) throws IOException {
        List<JsonNode> a = epochs(straight);
        List<JsonNode> b = epochs(repaired);
        assertEquals(a.size(), b.size(), b.toString());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(i + 1, b.get(i).get("epoch").asInt(), b.toString());
            assertEquals(
                    a.get(i).get("train_loss").asDouble(),
                    b.get(i).get("train_loss").asDouble(),
                    1e-6,
                    "epoch " + (i + 1));
        }
        long csvRows =
                Files.readAllLines(repaired.resolve("epochs.csv")).stream()
                        .filter(l -> !l.startsWith("#") && !l.startsWith("seed"))
                        .count();
        assertEquals(a.size(), csvRows, "epochs.csv rows");
    }

    private static List<JsonNode> epochs(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(run.resolve("epochs.jsonl"))) {
            return out;
        }
        for (String line : Files.readAllLines(run.resolve("epochs.jsonl"))) {
            JsonNode n = JSON.readTree(line); // every line whole
            if (n.has("epoch")) {
                out.add(n);
            }
        }
        return out;
    }
}
