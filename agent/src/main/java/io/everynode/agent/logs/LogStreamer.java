package io.everynode.agent.logs;

import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import io.everynode.agent.crilog.CriLines;
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
 * <p>Files are in the CRI log format (package {@code crilog}): {@code timestamps} shows, and
 * {@code since} selects by, the time each line was written, as the file holds it;
 * {@code tailLines} counts lines (runs of entries that end with a full one), {@code limitBytes}
 * the bytes answered ({@link LogWriter}). A line not in the format (a file an earlier version
 * wrote raw) has no time of its own: it counts as written when the file was last modified if it
 * was there when the request came, else when it was read.
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

        /**
         * Called once, when the streamer knows where it starts: from then on everything the
         * container writes reaches the sink (what {@code kubectl attach} waits for before it passes
         * stdin on, so no answer to its input is written before the follower looks).
         */
        default void positioned() {}
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
        LogWriter out = new LogWriter(answer.begin(), opts.timestamps(), opts.limitBytes(), opts.since());
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
        // The time of lines not in the CRI format (files of earlier versions): what was in the file
        // when the request came, its modification time; what came later, when it was read.
        Instant[] otherwise = {null};
        CriLines lines = new CriLines(e -> out.write(e, otherwise[0]));
        // A log that is not there yet holds nothing from before the request: once it appears, it
        // is read from its start.
        boolean absent = false;
        boolean told = false;
        try {
            while (true) {
                if (ch == null) ch = open(file);
                if (ch != null) {
                    if (pos < 0) {
                        otherwise[0] = Files.getLastModifiedTime(file).toInstant();
                        long end = ch.size();
                        pos = opts.tailLines() == null || absent ? 0 : CriLines.tailOffset(ch, end, opts.tailLines());
                        pos = readTo(ch, pos, end, buf, lines, out);
                    } else {
                        otherwise[0] = clock.instant();
                        pos = readTo(ch, Math.min(pos, ch.size()), ch.size(), buf, lines, out);
                    }
                }
                if (ch == null) absent = true;
                if (!told) {
                    told = true;
                    answer.positioned();
                }
                if (out.full() || !follow) break;
                if (ended.getAsBoolean()) {
                    // Read once more: the instance's last lines may have come since the last poll.
                    if (ch == null) ch = open(file);
                    otherwise[0] = clock.instant();
                    if (ch != null) readTo(ch, Math.max(pos, 0), ch.size(), buf, lines, out);
                    break;
                }
                if (answer.clientGone()) return;
                Thread.sleep(POLL.toMillis());
            }
            if (!out.full()) lines.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ch != null) ch.close();
        }
    }

    /** Feeds bytes {@code [from, to)} of the file to {@code lines}; answers where it stopped. */
    private static long readTo(FileChannel ch, long from, long to, byte[] buf, CriLines lines, LogWriter out)
            throws IOException {
        long pos = from;
        while (pos < to && !out.full()) {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, to - pos));
            int n = ch.read(bb, pos);
            if (n <= 0) break;
            lines.feed(buf, n);
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
