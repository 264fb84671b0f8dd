package io.everynode.agent.logs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Routes one request of the {@link LogServer}: checks the path
 * {@code /containerLogs/{namespace}/{pod}/{container}} (each segment percent-decoded) and the
 * method, reads the query into {@link LogOptions}, and hands the rest to the {@link LogStreamer}.
 */
final class LogRequests implements HttpHandler {
    private static final String PREFIX = "/containerLogs/";

    private final LogStreamer streamer;
    private final Clock clock;

    LogRequests(LogStreamer streamer, Clock clock) {
        this.streamer = streamer;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            LogServer.ExchangeAnswer answer = new LogServer.ExchangeAnswer(exchange);
            String path = exchange.getRequestURI().getRawPath();
            String[] parts = path != null && path.startsWith(PREFIX)
                    ? path.substring(PREFIX.length()).split("/", -1)
                    : new String[0];
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                answer.error(404, "404 page not found: expected /containerLogs/{namespace}/{pod}/{container}");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                answer.error(405, "only GET is served");
                return;
            }
            LogOptions opts;
            try {
                opts = LogOptions.parse(query(exchange.getRequestURI().getRawQuery())::get, clock.instant());
            } catch (LogOptions.BadQuery e) {
                answer.error(400, e.getMessage());
                return;
            }
            streamer.serve(segment(parts[0]), segment(parts[1]), segment(parts[2]), opts, answer);
        }
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

    /** A path segment with its %XX escapes decoded as UTF-8; a '+' stays itself, as paths keep it. */
    static String segment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
