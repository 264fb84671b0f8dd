package io.everynode.advisor.why;

/** Canonical scheduler units (cpu millicores, bytes, counts) printed as kubectl shows quantities. */
final class Amounts {
    private static final long MI = 1024L * 1024L;
    private static final long GI = 1024L * MI;

    private Amounts() {}

    static String format(String resource, long value) {
        if ("cpu".equals(resource)) {
            return value % 1000 == 0 ? Long.toString(value / 1000) : value + "m";
        }
        if ("memory".equals(resource) || resource.endsWith("storage")) {
            if (value != 0 && value % GI == 0) return value / GI + "Gi";
            if (value != 0 && value % MI == 0) return value / MI + "Mi";
            return Long.toString(value);
        }
        return Long.toString(value);
    }
}
