package io.everynode.agent;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What a configMap or secret volume of a pod holds, as the agent resolved it from the API: the
 * files by path relative to the volume (a path may have directories, never {@code ..}), each with
 * its bytes and mode. The runtime makes the volume hold exactly these files.
 *
 * @param volume the volume's name in the pod's spec
 * @param files path → content; iteration order is the order files are written
 */
public record VolumeContent(String volume, Map<String, File> files) {
    public VolumeContent {
        Objects.requireNonNull(volume, "volume");
        files = Map.copyOf(files);
    }

    /** One file: its bytes and permission bits (e.g. {@code 0644}). Equal when bytes and mode are. */
    public record File(byte[] data, int mode) {
        public File {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof File f && f.mode == mode && Arrays.equals(f.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(data) + mode;
        }

        @Override
        public String toString() {
            return "File[" + data.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
        }
    }
}
