package io.everynode.agent.netns;

import java.util.List;

/**
 * Runs the {@code ip} command of iproute2. The seam between the plan (which commands, in which
 * order) and the machine; tests of the plan record the calls instead.
 */
interface IpCommand {
    /** Runs {@code ip} with these arguments and waits for it; never throws for a non-zero exit. */
    Result run(List<String> args);

    /** The program to start, as a path: the first element of every launch prefix. */
    String executable();

    /** Exit code and the merged stdout and stderr of one run. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }
}
