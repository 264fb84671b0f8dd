package io.everynode.agent.logs;

import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Serves one container's log, the kubelet's {@code containerLogs} handler: decides whether there
 * is a log to serve (answering the kubelet's errors when not), then writes the selected part of
 * the file and, with {@code follow}, what is appended to it until the instance ends or the
 * client goes away.
 *
 * <p>Timestamps and {@code since}: runtimes write raw lines with no times of their own, so both
 * are approximations. A line already in the file when the request comes is stamped with the
 * file's last-modified time (it was written then or earlier); a line read while following is
 * stamped when it was read (within one poll interval of being written). {@code since} skips
 * what is already in the file when the file was last modified before it, and keeps all of it
 * otherwise.
 */
final class LogStreamer {
    /** How often a followed file is checked for growth: kubectl users see a line within this much. */
    static final Duration POLL = Duration.ofMillis(200);

    private static final int READ = 64 * 1024;

    /** Where the answer goes. */
    interface Answer {
        /** Answers an error with a plain-text body. */
        void error(int status, String message) throws IOException;

        /** Starts the 200 answer; its bytes go to the sink answered. */
        LogWriter.Sink begin() throws IOException;

        /** True once the client went away. */
        boolean clientGone();
    }

    private final LogSource source;
    private final Clock clock;

    LogStreamer(LogSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    void serve(String namespace, String name, String container, LogOptions opts, Answer answer) throws IOException {
        Optional<LogSource.PodOnNode> found = source.pod(namespace, name);
        if (found.isEmpty()) {
            answer.error(404, "pod \"" + name + "\" in namespace \"" + namespace + "\" is not running on this node");
            return;
        }
        LogSource.PodOnNode on = found.get();
        RuntimeContainer rc = on.runtime()
                .pod(on.uid())
                .map(p -> p.containers().get(container))
                .orElse(null);
        String refusal = refusal(rc, container, name, opts.previous());
        if (refusal != null) {
            answer.error(400, refusal);
            return;
        }
        Optional<Path> file = on.runtime().logFile(on.uid(), container, opts.previous());
        if (file.isEmpty()) {
            answer.error(
                    404,
                    "node \"" + on.node() + "\" keeps no logs for container \"" + container + "\" in pod \"" + name
                            + "\" (its " + on.runtime().name() + " runtime writes none)");
            return;
        }
        LogWriter out = new LogWriter(answer.begin(), opts.timestamps(), opts.limitBytes());
        boolean follow = opts.follow() && !opts.previous();
        String instance = rc == null ? null : rc.id();
        stream(file.get(), opts, out, follow, () -> ended(on, container, instance), answer);
    }

    /** The kubelet's refusals (its validateContainerLogStatus), worded as it words them; null when there is a log to serve. */
    static String refusal(RuntimeContainer rc, String container, String pod, boolean previous) {
        String who = "container \"" + container + "\" in pod \"" + pod + "\"";
        if (previous) {
            return rc == null || rc.last() == null ? "previous terminated " + who + " not found" : null;
        }
        if (rc == null) return who + " is waiting to start: ContainerCreating";
        if (rc.state() == RuntimeContainer.State.WAITING && rc.last() == null) {
            String reason = rc.reason() == null ? "ContainerCreating" : rc.reason();
            return who + " is waiting to start: "
                    + switch (reason) {
                        case "ErrImagePull" -> "image can't be pulled";
                        case "ImagePullBackOff" -> "trying and failing to pull image";
                        default -> reason;
                    };
        }
        return null;
    }

    /** True once the instance being followed is no longer the container's running instance. */
    private static boolean ended(LogSource.PodOnNode on, String container, String instance) {
        Optional<RuntimePod> rp = on.runtime().pod(on.uid());
        RuntimeContainer now = rp.map(p -> p.containers().get(container)).orElse(null);
        return now == null
                || instance == null
                || !instance.equals(now.id())
                || now.state() == RuntimeContainer.State.TERMINATED;
    }

    private void stream(
            Path file,
            LogOptions opts,
            LogWriter out,
            boolean follow,
            java.util.function.BooleanSupplier ended,
            Answer answer)
            throws IOException {
        FileChannel ch = null;
        long pos = -1;
        byte[] buf = new byte[READ];
        try {
            while (true) {
                if (ch == null) ch = open(file);
                if (ch != null) {
                    if (pos < 0) {
                        // What the file holds already: selected by since and tailLines, stamped with its modification
                        // time.
                        Instant modified = Files.getLastModifiedTime(file).toInstant();
                        long end = ch.size();
                        pos = opts.since() != null && modified.isBefore(opts.since())
                                ? end
                                : opts.tailLines() == null ? 0 : LogFiles.tailOffset(ch, end, opts.tailLines());
                        pos = readTo(ch, pos, end, buf, out, modified);
                    } else {
                        pos = readTo(ch, Math.min(pos, ch.size()), ch.size(), buf, out, clock.instant());
                    }
                }
                if (out.full() || !follow) break;
                if (ended.getAsBoolean()) {
                    // Read once more: the instance's last lines may have come since the last poll.
                    if (ch == null) ch = open(file);
                    if (ch != null) readTo(ch, Math.max(pos, 0), ch.size(), buf, out, clock.instant());
                    break;
                }
                if (answer.clientGone()) return;
                Thread.sleep(POLL.toMillis());
            }
            out.finish(clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ch != null) ch.close();
        }
    }

    /** Writes bytes {@code [from, to)} of the file; answers where it stopped. */
    private static long readTo(FileChannel ch, long from, long to, byte[] buf, LogWriter out, Instant stamp)
            throws IOException {
        long pos = from;
        while (pos < to && !out.full()) {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, to - pos));
            int n = ch.read(bb, pos);
            if (n <= 0) break;
            out.write(buf, n, stamp);
            pos += n;
        }
        return pos;
    }

    /** The file opened for reading, or null while it does not exist yet (a process that has written nothing). */
    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
