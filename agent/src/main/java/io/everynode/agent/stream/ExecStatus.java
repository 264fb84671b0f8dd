package io.everynode.agent.stream;

import io.everynode.api.json.Json;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The v1 {@code Status} an exec's error channel carries, worded as the kubelet's. */
final class ExecStatus {
    private ExecStatus() {}

    /** Success for exit code 0; else Failure with reason NonZeroExitCode and cause ExitCode. */
    static byte[] of(List<String> command, int exitCode) {
        ObjectNode s = Json.object();
        s.putObject("metadata");
        if (exitCode == 0) {
            s.put("status", "Success");
            return Json.bytes(s);
        }
        s.put("status", "Failure");
        s.put(
                "message",
                "command terminated with non-zero exit code: error executing command " + "[" + String.join(" ", command)
                        + "], exit code " + exitCode);
        s.put("reason", "NonZeroExitCode");
        ObjectNode cause = s.putObject("details").putArray("causes").addObject();
        cause.put("reason", "ExitCode");
        cause.put("message", Integer.toString(exitCode));
        return Json.bytes(s);
    }

    /** Success: an attach whose container ended. */
    static byte[] success() {
        ObjectNode s = Json.object();
        s.putObject("metadata");
        s.put("status", "Success");
        return Json.bytes(s);
    }

    /** Failure with {@code message} and no exit code: the command could not run. */
    static byte[] failure(String message) {
        ObjectNode s = Json.object();
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", message);
        return Json.bytes(s);
    }
}
