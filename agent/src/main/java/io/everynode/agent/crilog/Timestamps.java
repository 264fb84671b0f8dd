package io.everynode.agent.crilog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as log files and {@code kubectl logs --timestamps} show them. */
public final class Timestamps {
    /** RFC 3339 in UTC with exactly nine digits of fraction: the kubelet's {@code RFC3339NanoFixed}. */
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** {@code 2026-12-04T22:20:29.123456789Z}: always nine fraction digits, so the prefix has one width. */
    public static String fixed(Instant at) {
        return FIXED.format(at);
    }
}
