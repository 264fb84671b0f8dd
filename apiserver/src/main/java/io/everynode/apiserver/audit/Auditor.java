package io.everynode.apiserver.audit;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.protobuf.ProtoCatalog;
import io.everynode.apiserver.protobuf.ProtobufDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The audit log of one API server: opens an {@link AuditTrail} for each request, which writes
 * its events by {@link #policy} to {@link #sink}. {@link #off()} audits nothing and costs
 * nothing.
 */
public final class Auditor {
    /** Upstream's response header carrying the request's audit ID. */
    public static final String AUDIT_ID_HEADER = "Audit-Id";

    /** An Audit-ID a client may choose for its request (upstream accepts the client's). */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final AuditPolicy policy;
    private final AuditSink sink;
    private final Clock clock;
    private final Supplier<String> ids;
    /** Request bodies in protobuf (kubectl's create generators send them), for requestObject. */
    private final ProtobufDecoder protobuf;

    /**
     * @param ids new audit IDs (random UUIDs in a server)
     */
    public Auditor(AuditPolicy policy, AuditSink sink, Clock clock, Supplier<String> ids) {
        this.policy = policy;
        this.sink = sink;
        this.clock = clock;
        this.ids = ids;
        this.protobuf = policy == null ? null : new ProtobufDecoder(ProtoCatalog.kubernetes());
    }

    public Auditor(AuditPolicy policy, AuditSink sink, Clock clock) {
        this(policy, sink, clock, () -> UUID.randomUUID().toString());
    }

    /** Audits nothing. */
    public static Auditor off() {
        return new Auditor(null, null, Clock.systemUTC(), () -> "");
    }

    public boolean enabled() {
        return policy != null;
    }

    /**
     * The trail of {@code req}, received now; its {@link AuditTrail#response()} is what the
     * request must answer through. Sends the {@code Audit-Id} header.
     */
    public AuditTrail start(ApiRequest req, ApiResponse resp) {
        if (!enabled()) return AuditTrail.off(resp);
        String given = req.header("audit-id");
        String id = given != null && CLIENT_ID.matcher(given).matches() ? given : ids.get();
        resp.header(AUDIT_ID_HEADER, id);
        AuditEvent event =
                new AuditEvent(id, requestUri(req), sourceIps(req), req.header("user-agent"), clock.instant());
        return new AuditTrail(policy, sink, clock, protobuf, event, req, resp);
    }

    /** The path and query as the client sent them (re-encoded from their decoded form). */
    static String requestUri(ApiRequest req) {
        if (req.query().isEmpty()) return req.path();
        StringBuilder b = new StringBuilder(req.path()).append('?');
        boolean first = true;
        for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
            for (String v : e.getValue().isEmpty() ? List.of("") : e.getValue()) {
                if (!first) b.append('&');
                first = false;
                b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    /** Upstream's order: X-Forwarded-For entries, X-Real-Ip, then the peer's address. */
    static List<String> sourceIps(ApiRequest req) {
        List<String> ips = new ArrayList<>();
        String forwarded = req.header("x-forwarded-for");
        if (forwarded != null) {
            for (String part : forwarded.split(",")) {
                String ip = part.trim();
                if (!ip.isEmpty() && !ips.contains(ip)) ips.add(ip);
            }
        }
        String real = req.header("x-real-ip");
        if (real != null && !real.isBlank() && !ips.contains(real.trim())) ips.add(real.trim());
        if (req.remoteAddress() != null && !ips.contains(req.remoteAddress())) ips.add(req.remoteAddress());
        return ips;
    }
}
