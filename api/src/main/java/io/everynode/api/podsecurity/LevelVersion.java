package io.everynode.api.podsecurity;

import java.util.regex.Pattern;

/**
 * A level at a policy version, printed as upstream prints it in its messages: {@code
 * baseline:latest}, {@code restricted:v1.35}.
 *
 * @param version {@code latest} or {@code v1.N}
 */
public record LevelVersion(Level level, String version) {
    public static final String LATEST = "latest";

    private static final Pattern VERSION = Pattern.compile("^v1\\.(0|[1-9][0-9]*)$");

    public static final LevelVersion PRIVILEGED_LATEST = new LevelVersion(Level.PRIVILEGED, LATEST);

    /** Whether {@code value} is a version label value upstream accepts. */
    public static boolean validVersion(String value) {
        return LATEST.equals(value) || VERSION.matcher(value).matches();
    }

    @Override
    public String toString() {
        return level + ":" + version;
    }
}
