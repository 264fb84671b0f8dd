package io.everynode.apiserver;

import io.everynode.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health endpoints {@code /livez}, {@code /readyz} and {@code /healthz}, in upstream's format:
 * {@code ok} when every check passes; with {@code ?verbose} one {@code [+]name ok} line per check;
 * when one fails, 500 with every check's line ({@code [-]etcd failed: reason withheld}; the reason
 * goes to the server's log) and {@code readyz check failed}. {@code ?exclude=name} skips a check;
 * {@code /readyz/etcd} runs one check and says why it failed.
 *
 * <p>The store's check ({@code etcd}) is part of {@code /readyz} and {@code /healthz}, not of
 * {@code /livez}: a server cut off from etcd should get no traffic, but restarting it would not
 * bring etcd back (docs/ha.md "etcd as the store").
 */
final class HealthChecks {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    /** One named check; {@code probe} throws, with a message saying why, when it fails. */
    record Check(String name, boolean partOfLivez, Runnable probe) {}

    private final List<Check> checks;

    HealthChecks(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** {@code ping}, which always passes, and the store's own check if it has one. */
    static HealthChecks forStore(Store store) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("ping", true, () -> {}));
        store.healthCheckName().ifPresent(name -> checks.add(new Check(name, false, store::checkHealth)));
        return new HealthChecks(checks);
    }

    /** Whether {@code path} (without a trailing slash) is one of these endpoints or one of their checks. */
    boolean serves(String path) {
        return endpoint(path).isPresent();
    }

    /** Answers a GET of a path {@link #serves} accepts. */
    void answer(ApiRequest req, String path, ApiResponse resp) {
        String endpoint = endpoint(path).orElseThrow();
        String rest = path.substring(endpoint.length() + 1);
        List<Check> included = checks.stream()
                .filter(c -> !endpoint.equals("livez") || c.partOfLivez())
                .toList();
        if (rest.isEmpty()) {
            all(req, endpoint, included, resp);
        } else {
            one(rest.substring(1), included, resp);
        }
    }

    private static void all(ApiRequest req, String endpoint, List<Check> included, ApiResponse resp) {
        List<String> excluded = req.query().getOrDefault("exclude", List.of());
        StringBuilder lines = new StringBuilder();
        boolean failed = false;
        for (Check check : included) {
            if (excluded.contains(check.name())) continue;
            Optional<String> failure = run(check);
            if (failure.isPresent()) {
                failed = true;
                LOG.warn("/{} check {} failed: {}", endpoint, check.name(), failure.get());
                lines.append("[-]").append(check.name()).append(" failed: reason withheld\n");
            } else {
                lines.append("[+]").append(check.name()).append(" ok\n");
            }
        }
        for (String name : excluded) {
            if (included.stream().noneMatch(c -> c.name().equals(name)))
                lines.append("warn: some health checks cannot be excluded: no matches for ")
                        .append(name)
                        .append('\n');
        }
        if (failed) {
            text(resp, 500, lines + endpoint + " check failed\n");
        } else if (req.query().containsKey("verbose")) {
            text(resp, 200, lines + endpoint + " check passed\n");
        } else {
            text(resp, 200, "ok");
        }
    }

    private static void one(String name, List<Check> included, ApiResponse resp) {
        Optional<Check> check =
                included.stream().filter(c -> c.name().equals(name)).findFirst();
        if (check.isEmpty()) {
            text(resp, 404, "404 page not found\n");
            return;
        }
        Optional<String> failure = run(check.get());
        if (failure.isPresent()) text(resp, 500, "internal server error: " + failure.get() + "\n");
        else text(resp, 200, "ok");
    }

    /** Runs a check: empty when it passed, else why not. */
    private static Optional<String> run(Check check) {
        try {
            check.probe().run();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** {@code livez}, {@code readyz} or {@code healthz} when {@code path} is that endpoint or below it. */
    private static Optional<String> endpoint(String path) {
        for (String name : List.of("livez", "readyz", "healthz")) {
            String root = "/" + name;
            if (path.equals(root) || path.startsWith(root + "/")) return Optional.of(name);
        }
        return Optional.empty();
    }

    private static void text(ApiResponse resp, int code, String body) {
        resp.header("X-Content-Type-Options", "nosniff");
        resp.send(code, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }
}
