package dev.eoc.examples.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Streams the regular files of a tar archive (POSIX ustar, GNU long names, pax {@code path}
 * records), so the fetchers need neither an external {@code tar} nor another library.
 *
 * <p>The format: 512-byte headers with the name at offset 0 (100 bytes), the size in octal at 124
 * (12 bytes), the header checksum at 148 (8 bytes), the type flag at 156 and, for ustar, a name
 * prefix at 345 (155 bytes); each file's data is padded to a multiple of 512 bytes; two zero blocks
 * end the archive. Directories, links and devices are skipped.
 */
final class TarReader {
    private static final int BLOCK = 512;
    private static final int NAME_OFFSET = 0;
    private static final int NAME_LENGTH = 100;
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int CHECKSUM_OFFSET = 148;
    private static final int CHECKSUM_LENGTH = 8;
    private static final int TYPE_OFFSET = 156;
    private static final int MAGIC_OFFSET = 257;
    private static final int PREFIX_OFFSET = 345;
    private static final int PREFIX_LENGTH = 155;

    private TarReader() {}

    /** Receives each regular file; {@code content} yields exactly the file's bytes. */
    @FunctionalInterface
    interface Visitor {
        void file(String name, long size, InputStream content) throws IOException;
    }

    /**
     * Calls {@code visitor} for every regular file of the (already decompressed) archive {@code
     * in}; {@code archive} names the source in error messages.
     */
    static void forEachFile(InputStream in, Path archive, Visitor visitor) throws IOException {
        String longName = null;
        long offset = 0;
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length == 0 || isZero(header)) {
                return;
            }
            if (header.length < BLOCK) {
                throw new DatasetFormatException(
                        archive, "truncated tar header at offset " + offset);
            }
            checkChecksum(header, archive, offset);
            long size = parseSize(header, archive, offset);
            char type = (char) header[TYPE_OFFSET];
            String name = longName != null ? longName : headerName(header);
            longName = null;
            offset += BLOCK;
            Bounded content = new Bounded(in, size);
            if (type == 'L') {
                longName = trimNul(new String(content.readAllBytes(), StandardCharsets.UTF_8));
            } else if (type == 'x') {
                longName = paxPath(content.readAllBytes());
            } else if (type == '0' || type == '\0' || type == '7') {
                visitor.file(name, size, content);
            }
            content.skipRest(archive, offset);
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            skipFully(in, padded - size, archive, offset + size);
            offset += padded;
        }
    }

    private static String headerName(byte[] header) {
        String name = field(header, NAME_OFFSET, NAME_LENGTH);
        boolean ustar =
                new String(header, MAGIC_OFFSET, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? field(header, PREFIX_OFFSET, PREFIX_LENGTH) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The {@code path} value of a pax extended header, or null when it has none. */
    private static String paxPath(byte[] records) {
        String text = new String(records, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static void checkChecksum(byte[] header, Path archive, long offset) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean inField = i >= CHECKSUM_OFFSET && i < CHECKSUM_OFFSET + CHECKSUM_LENGTH;
            sum += inField ? ' ' : Byte.toUnsignedInt(header[i]);
        }
        String stored = field(header, CHECKSUM_OFFSET, CHECKSUM_LENGTH).trim();
        if (stored.isEmpty() || !stored.matches("[0-7]+") || Long.parseLong(stored, 8) != sum) {
            throw new DatasetFormatException(
                    archive,
                    "not a tar archive or corrupt: header checksum mismatch at offset " + offset);
        }
    }

    private static long parseSize(byte[] header, Path archive, long offset) {
        if ((header[SIZE_OFFSET] & 0x80) != 0) {
            // GNU base-256 encoding for sizes of 8 GiB and more.
            long size = 0;
            for (int i = SIZE_OFFSET + 1; i < SIZE_OFFSET + SIZE_LENGTH; i++) {
                size = (size << 8) | Byte.toUnsignedInt(header[i]);
            }
            return size;
        }
        String octal = field(header, SIZE_OFFSET, SIZE_LENGTH).trim();
        if (!octal.matches("[0-7]*")) {
            throw new DatasetFormatException(
                    archive, "bad tar size field '" + octal + "' at offset " + offset);
        }
        return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void skipFully(InputStream in, long n, Path archive, long offset)
            throws IOException {
        new Bounded(in, n).skipRest(archive, offset);
    }

    /** A view of the next {@code size} bytes of the archive; closing it does nothing. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {}

        void skipRest(Path archive, long offset) throws IOException {
            transferTo(OutputStream.nullOutputStream());
            if (left > 0) {
                throw new DatasetFormatException(archive, "truncated tar data at offset " + offset);
            }
        }
    }
}
