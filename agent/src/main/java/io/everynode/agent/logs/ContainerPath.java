package io.everynode.agent.logs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code {namespace}/{pod}/{container}} that the kubelet's per-container paths end in
 * ({@code /containerLogs/…}, {@code /exec/…}), each segment percent-decoded.
 */
public record ContainerPath(String namespace, String pod, String container) {
    /**
     * The path after {@code prefix}, or empty unless it has exactly three segments, none empty
     * (decoded after splitting, so an encoded '/' stays inside its segment).
     */
    public static Optional<ContainerPath> parse(String prefix, String rawPath) {
        if (rawPath == null || !rawPath.startsWith(prefix)) return Optional.empty();
        String[] parts = rawPath.substring(prefix.length()).split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ContainerPath(segment(parts[0]), segment(parts[1]), segment(parts[2])));
    }

    /**
     * The node of {@code source} that runs the pod {@code rawPath} names after {@code prefix}, or
     * null when none does or the path is malformed (the endpoint's guard then asks about no node).
     */
    public static String nodeOf(String prefix, String rawPath, LogSource source) {
        return parse(prefix, rawPath)
                .flatMap(p -> source.pod(p.namespace(), p.pod()))
                .map(LogSource.PodOnNode::node)
                .orElse(null);
    }

    /** A path segment with its %XX escapes decoded as UTF-8; a '+' stays itself, as paths keep it. */
    static String segment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
