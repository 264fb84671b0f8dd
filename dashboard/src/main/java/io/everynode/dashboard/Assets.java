package io.everynode.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files, read from the jar once: plain HTML, CSS and JavaScript, nothing loaded
 * from anywhere else at run time. Only the names listed here are served, so no request path can
 * reach another resource of the class path.
 */
final class Assets {
    /** A file and its media type. */
    record Asset(byte[] body, String contentType) {}

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "grid.js", "text/javascript; charset=utf-8",
            "rollout.js", "text/javascript; charset=utf-8",
            "cluster.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8");

    private final Map<String, Asset> loaded;

    Assets() {
        java.util.HashMap<String, Asset> m = new java.util.HashMap<>();
        FILES.forEach((name, type) -> m.put(name, new Asset(read(name), type)));
        this.loaded = Map.copyOf(m);
    }

    /** The file for a path below the dashboard's prefix: "" is index.html. */
    Optional<Asset> get(String relative) {
        return Optional.ofNullable(loaded.get(relative.isEmpty() ? "index.html" : relative));
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
            if (in == null) throw new IllegalStateException("the dashboard's jar lacks assets/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
