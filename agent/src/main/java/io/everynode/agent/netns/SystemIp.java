package io.everynode.agent.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link IpCommand} through {@link ProcessBuilder}. The program is looked up on PATH and then in
 * /usr/sbin and /sbin (PATH of a non-login root shell may lack the sbin directories).
 */
final class SystemIp implements IpCommand {
    /** iproute2 answers in milliseconds; the limit only guards against a wedged kernel call. */
    private static final long TIMEOUT_SECONDS = 60;

    private final String executable;

    private SystemIp(String executable) {
        this.executable = executable;
    }

    /** The machine's {@code ip}, or null when there is none. */
    static SystemIp find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "ip"));
                }
            }
        }
        candidates.add(Path.of("/usr/sbin/ip"));
        candidates.add(Path.of("/sbin/ip"));
        candidates.add(Path.of("/usr/bin/ip"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return new SystemIp(p.toAbsolutePath().toString());
            }
        }
        return null;
    }

    @Override
    public String executable() {
        return executable;
    }

    @Override
    public Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: ip " + String.join(" ", args));
            }
            return new Result(p.exitValue(), out.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ip " + String.join(" ", args), e);
        }
    }
}
