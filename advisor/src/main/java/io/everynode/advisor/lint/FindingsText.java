package io.everynode.advisor.lint;

/**
 * The human output of {@code lint}: one line per finding,
 * {@code FILE:DOC KIND/[NAMESPACE/]NAME SEVERITY CODE RULE PATH: MESSAGE}, then a summary line.
 */
public final class FindingsText {
    private FindingsText() {}

    public static String render(LintReport report) {
        StringBuilder b = new StringBuilder();
        for (Finding f : report.findings()) {
            b.append(f.file())
                    .append(':')
                    .append(f.document())
                    .append(' ')
                    .append(f.kind())
                    .append('/')
                    .append(f.namespace() == null ? "" : f.namespace() + "/")
                    .append(f.name())
                    .append(' ')
                    .append(f.severity().word())
                    .append(' ')
                    .append(f.code())
                    .append(' ')
                    .append(f.rule())
                    .append(' ')
                    .append(f.path())
                    .append(": ")
                    .append(f.message())
                    .append('\n');
        }
        b.append(summary(report)).append('\n');
        return b.toString();
    }

    static String summary(LintReport r) {
        String objects = count(r.objects(), "object");
        if (r.findings().isEmpty()) return "no findings in " + objects;
        return count(r.findings().size(), "finding") + " in " + objects + " ("
                + count(r.count(Severity.ERROR), "error") + ", " + count(r.count(Severity.WARNING), "warning") + ", "
                + r.count(Severity.INFO) + " info)";
    }

    /** "1 error", "0 errors", "6 errors" ("info" is a mass noun: the caller leaves it alone). */
    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
