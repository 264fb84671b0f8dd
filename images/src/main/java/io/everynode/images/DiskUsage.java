package io.everynode.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The size and free space of the filesystem the store is on (a seam: tests give their own figures). */
public interface DiskUsage {
    long capacityBytes();

    long availableBytes();

    /** The filesystem that holds {@code path}, as statfs tells it. */
    static DiskUsage of(Path path) {
        return new DiskUsage() {
            private FileStore store() {
                try {
                    return Files.getFileStore(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public long capacityBytes() {
                try {
                    return store().getTotalSpace();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public long availableBytes() {
                try {
                    return store().getUsableSpace();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
