package io.everynode.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A terminal for an exec ({@code kubectl exec -t}), which Java cannot open itself: the command
 * runs under util-linux {@code script}, which makes a pseudo-terminal, runs it there and copies
 * the terminal's output to its stdout and its stdin to the terminal. A resize sets the size of
 * that terminal with {@code stty} (the kernel then signals the command with SIGWINCH).
 */
public final class TerminalExec {
    private TerminalExec() {}

    /** {@code argv} run under a terminal of its own, quiet, its exit code passed on. */
    public static List<String> wrap(List<String> argv) {
        return List.of("script", "--quiet", "--flush", "--return", "--command", shellWords(argv), "/dev/null");
    }

    /**
     * Sets the terminal of the exec {@code process} (started from {@link #wrap}) to
     * {@code columns}×{@code rows}; false when its terminal is not there (yet, or any more).
     */
    public static boolean resize(Process process, int columns, int rows) {
        Optional<ProcessHandle> child = process.children().findFirst();
        if (child.isEmpty()) return false;
        List<String> stty = new ArrayList<>(List.of(
                "stty",
                "-F",
                "/proc/" + child.get().pid() + "/fd/0",
                "cols",
                Integer.toString(columns),
                "rows",
                Integer.toString(rows)));
        try {
            Process p = new ProcessBuilder(stty).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The words quoted for {@code sh -c}: each in single quotes, embedded ones escaped. */
    static String shellWords(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String w : argv) {
            if (b.length() > 0) b.append(' ');
            b.append('\'').append(w.replace("'", "'\\''")).append('\'');
        }
        return b.toString();
    }
}
