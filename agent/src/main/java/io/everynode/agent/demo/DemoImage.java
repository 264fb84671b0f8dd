package io.everynode.agent.demo;

import io.everynode.agent.process.ImageDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Registers the {@link DemoAgent} as image {@code everynode/demo-agent:1}: an {@code entrypoint}
 * script that runs this JVM's {@code java} on the DemoAgent class with a small heap.
 */
public final class DemoImage {
    public static final String IMAGE = "everynode/demo-agent:1";

    private DemoImage() {}

    /** Writes the image into {@code imagesDir}, its JVM finding the DemoAgent on {@code classPath}. Answers the image's directory. */
    public static Path install(Path imagesDir, String classPath) throws IOException {
        Path staging = Files.createTempDirectory("everynode-demo-image-");
        try {
            Path entry = staging.resolve(ImageDirectory.ENTRYPOINT);
            Files.writeString(
                    entry,
                    script(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            classPath));
            Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new ImageDirectory(imagesDir).add(IMAGE, staging);
        } finally {
            try (var s = Files.walk(staging)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The entrypoint: a small heap and one GC thread (a node runs one per pod), off-heap memory
     * unbounded by the JVM so HOLD_MEMORY_MIB meets the cgroup limit, not a Java error.
     */
    static String script(String java, String classPath) {
        return "#!/bin/sh\n"
                + "# everynode/demo-agent:1 - written by everynode (DemoImage)\n"
                + "exec " + quote(java) + " -Xms8m -Xmx48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + " -XX:MaxDirectMemorySize=64g -cp " + quote(classPath)
                + " io.everynode.agent.demo.DemoAgent \"$@\"\n";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
