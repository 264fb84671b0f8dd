package io.everynode.agent.logs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The {@code /containerLogs/} route of the endpoint: checks the path
 * {@code /containerLogs/{namespace}/{pod}/{container}} (each segment percent-decoded) and the
 * method, reads the query into {@link LogOptions}, and hands the rest to the {@link LogStreamer}.
 * The node a request is about is the one running the pod ({@link #nodeOf}).
 */
final class LogRequests implements EndpointRoutes.RouteHandler {
    static final String PREFIX = "/containerLogs/";

    private final LogStreamer streamer;
    private final LogSource source;
    private final Clock clock;

    LogRequests(LogSource source, Clock clock) {
        this.streamer = new LogStreamer(source, clock);
        this.source = source;
        this.clock = clock;
    }

    /** This route's entry in the endpoint's table. */
    EndpointRoutes.Route route() {
        return new EndpointRoutes.Route(PREFIX, this::nodeOf, this);
    }

    @Override
    public void serve(Request request, Response response) throws IOException {
        JettyAnswer answer = new JettyAnswer(request, response);
        Optional<ContainerPath> path =
                ContainerPath.parse(PREFIX, request.getHttpURI().getPath());
        if (path.isEmpty()) {
            answer.error(404, "404 page not found: expected /containerLogs/{namespace}/{pod}/{container}");
            return;
        }
        if (!"GET".equals(request.getMethod())) {
            answer.error(405, "only GET is served");
            return;
        }
        LogOptions opts;
        try {
            opts = LogOptions.parse(query(request.getHttpURI().getQuery())::get, clock.instant());
        } catch (LogOptions.BadQuery e) {
            answer.error(400, e.getMessage());
            return;
        }
        ContainerPath c = path.get();
        streamer.serve(c.namespace(), c.pod(), c.container(), opts, answer);
        answer.end();
    }

    /** The node of this endpoint that runs the pod the path names, or null when none does (or the path is malformed). */
    String nodeOf(String rawPath) {
        return ContainerPath.nodeOf(PREFIX, rawPath, source);
    }

    /**
     * The query's parameters, form-decoded; the first value of a repeated name wins. The server
     * has already refused a request line that is not a URI, so every %-escape here is well formed.
     */
    static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) return params;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }
}
