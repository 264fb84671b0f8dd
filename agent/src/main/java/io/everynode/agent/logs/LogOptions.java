package io.everynode.agent.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The query of {@code GET /containerLogs/...}, as the kubelet reads it: {@code follow},
 * {@code previous}, {@code timestamps}, {@code tailLines} (≥ 0), {@code limitBytes} (≥ 1),
 * {@code sinceSeconds} (≥ 1) or {@code sinceTime} (RFC 3339), not both.
 *
 * @param tailLines null for the whole log
 * @param limitBytes null for no limit
 * @param since null for no lower bound; the start of the window {@code sinceSeconds}/{@code sinceTime} name
 */
record LogOptions(
        boolean follow, boolean previous, boolean timestamps, Long tailLines, Long limitBytes, Instant since) {

    /** Thrown for a query the endpoint refuses; the message is the answer's body. */
    static final class BadQuery extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadQuery(String message) {
            super(message);
        }
    }

    /** Reads the options from query parameters ({@code param} answers null when absent), at time {@code now}. */
    static LogOptions parse(Function<String, String> param, Instant now) {
        Long tail = number(param, "tailLines", 0);
        Long limit = number(param, "limitBytes", 1);
        Long sinceSeconds = number(param, "sinceSeconds", 1);
        String sinceTime = param.apply("sinceTime");
        if (sinceSeconds != null && sinceTime != null)
            throw new BadQuery("at most one of sinceTime or sinceSeconds may be specified");
        Instant since = null;
        if (sinceSeconds != null) since = now.minusSeconds(sinceSeconds);
        if (sinceTime != null) {
            try {
                since = Instant.parse(sinceTime);
            } catch (DateTimeParseException e) {
                throw new BadQuery("sinceTime: invalid RFC 3339 time \"" + sinceTime + "\"");
            }
        }
        return new LogOptions(
                flag(param, "follow"), flag(param, "previous"), flag(param, "timestamps"), tail, limit, since);
    }

    private static boolean flag(Function<String, String> param, String name) {
        String v = param.apply(name);
        return v != null && (v.equals("true") || v.equals("1"));
    }

    private static Long number(Function<String, String> param, String name, long min) {
        String v = param.apply(name);
        if (v == null || v.isEmpty()) return null;
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadQuery(name + ": not a number: \"" + v + "\"");
        }
        if (n < min) throw new BadQuery(name + ": must be greater than " + (min == 0 ? "or equal to 0" : "0"));
        return n;
    }
}
