package io.everynode.agent.cni;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A plugin that failed, in words: which plugin, which command, for which pod, and the plugin's own
 * error result (spec 1.0: {@code code}, {@code msg}, {@code details}) or, when it printed none, its
 * standard error.
 */
public final class CniException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The error codes the spec reserves (1-99), by their meaning. */
    private static final Map<Integer, String> WELL_KNOWN = Map.of(
            1, "incompatible CNI version",
            2, "unsupported field in the network configuration",
            3, "container unknown or does not exist",
            4, "invalid necessary environment variables",
            5, "I/O failure",
            6, "failed to decode content",
            7, "invalid network configuration",
            11, "try again later");

    private final int code;

    private CniException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The plugin's error code; 0 when it printed no error result. */
    public int code() {
        return code;
    }

    /**
     * @param errorResult the plugin's standard output parsed, or null when it was not JSON
     * @param stderr the plugin's standard error, used when there is no error result
     */
    static CniException of(String plugin, String command, String containerId, JsonNode errorResult, String stderr) {
        String head = "CNI plugin " + plugin + " failed " + command + " for pod " + containerId + ": ";
        if (errorResult != null && errorResult.has("msg")) {
            int code = errorResult.path("code").asInt(0);
            StringBuilder m =
                    new StringBuilder(head).append(errorResult.path("msg").asString(""));
            String details = errorResult.path("details").asString("");
            if (!details.isEmpty()) {
                m.append(" (").append(details).append(')');
            }
            String meaning = WELL_KNOWN.get(code);
            m.append(" [code ").append(code);
            if (meaning != null) {
                m.append(": ").append(meaning);
            }
            m.append(']');
            return new CniException(m.toString(), code);
        }
        String text = stderr == null || stderr.isBlank() ? "it exited without an error result" : stderr.strip();
        return new CniException(head + text, 0);
    }
}
