package io.everynode.agent.cni;

import java.util.List;
import java.util.Map;

/**
 * Runs a program and waits for it: the seam between the CNI logic and the machine (the plugins
 * and {@code ip netns}). Tests of the logic record the calls instead.
 */
public interface CommandRunner {
    /**
     * @param command the program's path and its arguments
     * @param env the whole environment of the child (nothing is inherited)
     * @param stdin bytes written to the child's standard input, then closed
     * @throws java.io.UncheckedIOException when the program cannot be started
     */
    Result run(List<String> command, Map<String, String> env, byte[] stdin);

    /** Exit code, standard output and standard error of one run. */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
