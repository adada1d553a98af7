package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {
    @TempDir Path dir;

    @Test
    void concatenatesPlainAndGzipBatchesInOrder() throws IOException {
        Path a = TestData.write(dir.resolve("a.bin"), TestData.cifarRecords(3, 9));
        Path b = TestData.write(dir.resolve("b.bin"), TestData.gzip(TestData.cifarRecords(0)));
        ImageDataset d = CifarReader.read(List.of(a, b), "CIFAR-10", CifarReader.CLASS_NAMES);
        assertEquals(3, d.size());
        assertEquals(3, d.channels());
        assertEquals(32, d.rows());
        assertEquals(32, d.cols());
        assertEquals(List.of(3, 9, 0), List.of(d.label(0), d.label(1), d.label(2)));
        // record r, pixel byte k is (r + k) mod 256: R plane at k = 0, G at 1024, B at 2048
        assertEquals(1, d.pixel(1, 0, 0, 0));
        assertEquals((1 + 1024 + 32 + 5) & 0xff, d.pixel(1, 1, 1, 5));
        assertEquals(3071 & 0xff, d.pixel(0, 2, 31, 31));
        assertEquals("a.bin + b.bin", d.source());
        assertEquals(
                List.of(1, 0, 0, 1, 0, 0, 0, 0, 0, 1),
                Arrays.stream(d.classCounts()).boxed().toList());
    }

    @Test
    void lengthNotAMultipleOfTheRecordSizeIsRejected() throws IOException {
        byte[] records = TestData.cifarRecords(1, 2);
        Path file = TestData.write(dir.resolve("short.bin"), Arrays.copyOf(records, 5000));
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class,
                        () -> CifarReader.read(List.of(file), "c", CifarReader.CLASS_NAMES));
        assertEquals(
                file
                        + ": wrong length: expected a non-zero multiple of the 3073-byte"
                        + " CIFAR-10 record (1 label byte + 3072 pixel bytes), file has 5000"
                        + " bytes (1 whole records + 1927 bytes)",
                e.getMessage());
    }

    @Test
    void gzipLengthIsCheckedAfterDecompression() throws IOException {
        Path file = TestData.write(dir.resolve("x.bin.gz"), TestData.gzip(new byte[3074]));
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class,
                        () -> CifarReader.read(List.of(file), "c", CifarReader.CLASS_NAMES));
        assertTrue(e.getMessage().contains("file has 3074 bytes after gunzip"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = TestData.write(dir.resolve("empty.bin"), new byte[0]);
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class,
                        () -> CifarReader.read(List.of(file), "c", CifarReader.CLASS_NAMES));
        assertTrue(e.getMessage().contains("file has 0 bytes"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesRecordAndOffset() throws IOException {
        Path file = TestData.write(dir.resolve("bad.bin"), TestData.cifarRecords(1, 2, 200));
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class,
                        () -> CifarReader.read(List.of(file), "c", CifarReader.CLASS_NAMES));
        assertEquals(
                file
                        + ": label 200 of record 2 (byte offset 6146) is out of range: expected"
                        + " 0..9",
                e.getMessage());
    }

    @Test
    void gzipOfGarbageIsAFormatError() throws IOException {
        byte[] garbage = {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 9, 9, 9, 9};
        Path file = TestData.write(dir.resolve("data_batch_1.bin"), garbage);
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class,
                        () -> CifarReader.read(List.of(file), "c", CifarReader.CLASS_NAMES));
        assertTrue(
                e.getMessage().startsWith(file + ": corrupt or truncated gzip data"),
                e.getMessage());
    }

    @Test
    void classNamesFileNeedsExactlyTenNames() throws IOException {
        Path ok = dir.resolve("ok.txt");
        Files.writeString(ok, String.join("\n", CifarReader.CLASS_NAMES) + "\n\n");
        assertEquals(CifarReader.CLASS_NAMES, CifarReader.readClassNames(ok));
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "cat\ndog\n");
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> CifarReader.readClassNames(bad));
        assertEquals(
                bad + ": expected 10 class names, one per line, found 2: [cat, dog]",
                e.getMessage());
    }

    @Test
    void recordSizeIsOneLabelBytePlusThreePlanesOf32By32() {
        assertEquals(3073, CifarReader.RECORD_BYTES);
        assertArrayEquals(
                new String[] {
                    "airplane",
                    "automobile",
                    "bird",
                    "cat",
                    "deer",
                    "dog",
                    "frog",
                    "horse",
                    "ship",
                    "truck"
                },
                CifarReader.CLASS_NAMES.toArray(new String[0]));
    }
}
