package io.everynode.agent.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the runtime reads from {@code /proc}: whether a process still is the one we started
 * (pid and start time together, so a reused pid is not mistaken for ours) and the resident
 * memory of a session's processes.
 */
final class ProcFs {
    private static final Path PROC = Path.of("/proc");
    private static final long PAGE = 4096;

    private ProcFs() {}

    /** The fields of /proc/PID/stat after the command name (field 3 is index 0), or null when the process is gone. */
    static String[] stat(long pid) {
        try {
            String s = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            int close = s.lastIndexOf(')');
            return s.substring(close + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The process's start time in clock ticks since boot (field 22), or -1 when it is gone. */
    static long startTicks(long pid) {
        String[] f = stat(pid);
        return f == null ? -1 : Long.parseLong(f[19]);
    }

    /** True while {@code pid} is the process that started at {@code ticks} and has not exited (a zombie has). */
    static boolean alive(long pid, long ticks) {
        if (pid <= 0) return false;
        String[] f = stat(pid);
        if (f == null) return false;
        String state = f[0];
        return !state.equals("Z") && !state.equals("X") && Long.parseLong(f[19]) == ticks;
    }

    /** The resident memory of every live process in session {@code sid}, in bytes. */
    static long sessionRss(long sid) {
        long total = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(
                PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path p : ds) {
                String[] f = stat(Long.parseLong(p.getFileName().toString()));
                if (f != null && f.length > 21 && Long.parseLong(f[3]) == sid) total += Long.parseLong(f[21]) * PAGE;
            }
        } catch (IOException | RuntimeException e) {
            return total;
        }
        return total;
    }

    /**
     * The CPU time of every live process in session {@code sid} (user and system, with that of
     * their waited-for children), in clock ticks.
     */
    static long sessionCpuTicks(long sid) {
        long total = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(
                PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path p : ds) {
                String[] f = stat(Long.parseLong(p.getFileName().toString()));
                if (f != null && f.length > 14 && Long.parseLong(f[3]) == sid)
                    total += Long.parseLong(f[11])
                            + Long.parseLong(f[12])
                            + Long.parseLong(f[13])
                            + Long.parseLong(f[14]);
            }
        } catch (IOException | RuntimeException e) {
            return total;
        }
        return total;
    }

    /** True on a system with a /proc we can read (Linux). */
    static boolean available() {
        return Files.isReadable(PROC.resolve("self").resolve("stat"));
    }
}
