package io.everynode.images;

import java.util.Locale;

/** The node's platform as the OCI image spec names it: {@code linux/<GOARCH>}. */
public final class Platform {
    private Platform() {}

    /** {@code linux/amd64}, {@code linux/arm64}, … for this JVM's {@code os.arch}. */
    public static String current() {
        return "linux/" + goArch(System.getProperty("os.arch", ""));
    }

    static String goArch(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "arm" -> "arm";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> javaArch;
        };
    }
}
