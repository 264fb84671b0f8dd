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
        return child.isPresent() && stty(child.get().pid(), columns, rows);
    }

    /**
     * Sets the terminal of the first {@link #wrap}ped command at or below {@code holder} (an
     * attached container's supervisor: the first {@code script} among its descendants) to
     * {@code columns}×{@code rows}; false when there is none.
     */
    public static boolean resizeBelow(ProcessHandle holder, int columns, int rows) {
        Optional<ProcessHandle> script = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(holder), holder.descendants())
                .filter(TerminalExec::isScript)
                .findFirst();
        Optional<ProcessHandle> child = script.flatMap(s -> s.children().findFirst());
        return child.isPresent() && stty(child.get().pid(), columns, rows);
    }

    private static boolean isScript(ProcessHandle p) {
        return p.info()
                .command()
                .map(c -> c.equals("script") || c.endsWith("/script"))
                .orElse(false);
    }

    /** {@code stty} on the standard input of {@code pid}, which is the terminal's side the command holds. */
    private static boolean stty(long pid, int columns, int rows) {
        List<String> stty = new ArrayList<>(List.of(
                "stty",
                "-F",
                "/proc/" + pid + "/fd/0",
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
