package dev.eoc.examples.cli;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Another process holding a run directory's lock until it is killed (RunFaultsTest). */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        FileChannel ch =
                FileChannel.open(
                        Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ch.lock();
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
