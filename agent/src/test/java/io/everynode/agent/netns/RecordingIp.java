package io.everynode.agent.netns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake {@code ip}: records every call and answers from a table (default: success, no output). */
final class RecordingIp implements IpCommand {
    final List<String> calls = new ArrayList<>();
    private final Map<String, Result> answers = new HashMap<>();

    RecordingIp answer(String args, int exitCode, String output) {
        answers.put(args, new Result(exitCode, output));
        return this;
    }

    @Override
    public Result run(List<String> args) {
        String line = String.join(" ", args);
        calls.add(line);
        return answers.getOrDefault(line, new Result(0, ""));
    }

    @Override
    public String executable() {
        return "/sbin/ip";
    }
}
