package io.everynode.testkit.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Rule 5, fencing, read from one server's audit log (audit.k8s.io/v1 Events, one JSON line each,
 * with the writes logged at least at Metadata): while another server held a Lease, this server
 * wrote nothing as the identities that Lease elects. A write counts from when the server received
 * it ({@code requestReceivedTimestamp}) to when it answered ({@code stageTimestamp} of the
 * ResponseComplete stage), and only when it succeeded (2xx): a refused write wrote nothing.
 *
 * <p>The times of the log and of the spans must come from one clock (servers on one machine, or
 * synchronized ones): this is a test's check, not a production guarantee.
 */
public final class FencedWritesCheck {
    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

    /** A span of time during which {@code lease} was held by another server than the audited one. */
    public record Span(String lease, Instant from, Instant until) {}

    /** One successful write as the audit log tells it. */
    public record AuditedWrite(String user, String verb, String uri, int code, Instant received, Instant completed) {
        @Override
        public String toString() {
            return verb + " " + uri + " by " + user + " (" + code + ", received " + received + ", answered " + completed
                    + ")";
        }
    }

    private FencedWritesCheck() {}

    /** The successful writes among {@code auditLines} (ResponseComplete events of a write verb, 2xx). */
    public static List<AuditedWrite> writes(List<String> auditLines) {
        List<AuditedWrite> out = new ArrayList<>();
        for (String line : auditLines) {
            if (line.isBlank()) continue;
            JsonNode e = Answers.JSON.readTree(line);
            if (!"ResponseComplete".equals(e.path("stage").asString())) continue;
            String verb = e.path("verb").asString();
            int code = e.path("responseStatus").path("code").asInt();
            if (!WRITE_VERBS.contains(verb) || code < 200 || code > 299) continue;
            out.add(new AuditedWrite(
                    e.path("user").path("username").asString(),
                    verb,
                    e.path("requestURI").asString(),
                    code,
                    Instant.parse(e.path("requestReceivedTimestamp").asString()),
                    Instant.parse(e.path("stageTimestamp").asString())));
        }
        return out;
    }

    /**
     * Which of everynode's Leases elects {@code user}, or null: {@code system:kube-scheduler}
     * writes for kube-scheduler; {@code system:kube-controller-manager} and the controllers'
     * ServiceAccounts ({@code system:serviceaccount:kube-system:*}) for kube-controller-manager.
     */
    public static String everynodeLease(String user) {
        if (user.equals("system:kube-scheduler")) return "kube-scheduler";
        if (user.equals("system:kube-controller-manager") || user.startsWith("system:serviceaccount:kube-system:"))
            return "kube-controller-manager";
        return null;
    }

    /**
     * One violation per write, by a user that {@code leaseOf} maps to a Lease, whose time from
     * receipt to answer overlaps a span during which another server held that Lease.
     */
    public static List<Violation> check(
            List<AuditedWrite> writes, Function<String, String> leaseOf, List<Span> heldByAnother) {
        List<Violation> out = new ArrayList<>();
        for (AuditedWrite w : writes) {
            String lease = leaseOf.apply(w.user());
            if (lease == null) continue;
            for (Span s : heldByAnother) {
                if (s.lease().equals(lease)
                        && w.completed().isAfter(s.from())
                        && w.received().isBefore(s.until())) {
                    out.add(new Violation(
                            Violation.Rule.FENCING,
                            w + " while another server held the lease " + lease + " (from " + s.from() + " to "
                                    + s.until() + ")"));
                }
            }
        }
        return out;
    }
}
