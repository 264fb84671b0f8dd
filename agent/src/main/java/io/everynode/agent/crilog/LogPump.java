package io.everynode.agent.crilog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one container instance's output into its log file in the CRI format: a thread per
 * stream reads the FIFO {@code stdout} or {@code stderr} of the instance's directory and appends
 * an entry per line, stamped with the time the read returned.
 *
 * <p>The supervisor ({@code sh}, which outlives the agent) makes the container's stdout and stderr
 * these FIFOs, opened read-write ({@link #SUPERVISOR_OPEN}), so the pipes stay whole while no
 * agent reads them: a writer then blocks once a pipe's 64 KiB are full, and never gets SIGPIPE. A
 * restarted agent starts a pump over the same FIFOs and reading goes on. When the supervisor has
 * ended (after its container), the last writer is gone: the pump reads to the end of each pipe and
 * stops, ending a line left open with an empty full entry. Before it ends, a supervisor waits until
 * a live process has written its pid to the file {@code reader} ({@link #SUPERVISOR_DRAIN}), which
 * a pump does once both FIFOs are open and removes when it is closed, so output a container wrote
 * while no agent ran is not lost with the pipe.
 *
 * <p>A read returns what the pipe holds, up to {@link #PIECE} bytes: each newline in it ends a
 * full entry, and what follows the last newline is written at once as a partial one, so a prompt
 * or progress output with no newline reaches the log (and a follower) without waiting. A line is
 * then one or more partial entries and a full one. Thread-safe.
 */
public final class LogPump implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogPump.class);

    /** The most bytes of one entry: containerd's default {@code max_container_log_line_size}. */
    public static final int PIECE = 16 * 1024;

    /** The supervisor's line that opens the FIFOs of instance directory {@code $d} as its stdout and stderr. */
    public static final String SUPERVISOR_OPEN = "exec 1<>\"$d/stdout\" 2<>\"$d/stderr\"";

    /**
     * The supervisor's last line: wait (while {@code $d} exists) until a live process has the
     * pipes open for reading, so what is still in them reaches the log. Quiet: its stderr is a pipe.
     */
    public static final String SUPERVISOR_DRAIN = "while [ -d \"$d\" ] && ! { read -r p < \"$d/reader\""
            + " && [ -d \"/proc/$p\" ]; } 2>/dev/null; do sleep 1; done";

    private final Path dir;
    private final List<Thread> threads = new ArrayList<>();
    private final List<FileChannel> pipes = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(2);
    private final FileChannel log;
    private volatile boolean closed;

    private LogPump(Path dir, FileChannel log) {
        this.dir = dir;
        this.log = log;
    }

    /** Makes the FIFOs {@code stdout} and {@code stderr} in the instance directory (before the supervisor starts). */
    public static void makePipes(Path dir) throws IOException {
        List<String> argv = List.of(
                "mkfifo",
                "-m",
                "600",
                dir.resolve("stdout").toString(),
                dir.resolve("stderr").toString());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) throw new IOException("cannot make the log pipes: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making the log pipes");
        }
    }

    /** Whether the instance directory has the FIFOs (an instance started before logs were piped has none). */
    public static boolean hasPipes(Path dir) {
        return Files.exists(dir.resolve("stdout")) && Files.exists(dir.resolve("stderr"));
    }

    /**
     * Opens the instance's FIFOs (never blocking, even when no supervisor holds them: the pump then
     * reads to their end at once) and starts copying into {@code logFile}, stamping with {@code clock}.
     *
     * @param name names the threads
     */
    public static LogPump start(Path dir, Path logFile, Clock clock, String name) throws IOException {
        Files.createDirectories(logFile.getParent());
        FileChannel log = FileChannel.open(
                logFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        LogPump pump = new LogPump(dir, log);
        try {
            for (CriStream s : CriStream.values()) pump.pipes.add(openForReading(dir.resolve(s.word())));
            Path tmp = dir.resolve("reader.new");
            Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
            Files.move(tmp, dir.resolve("reader"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            pump.close();
            throw e;
        }
        for (CriStream s : CriStream.values()) {
            FileChannel pipe = pump.pipes.get(s.ordinal());
            Thread t =
                    new Thread(null, () -> pump.copy(pipe, s, clock), "log-pump-" + name + "-" + s.word(), 256 * 1024);
            t.setDaemon(true);
            pump.threads.add(t);
        }
        pump.threads.forEach(Thread::start);
        return pump;
    }

    /**
     * A FIFO's read end without blocking: opening for reading alone waits for a writer, so a
     * read-write handle is opened first and closed once the reading one is open. With no other
     * writer left, reads then answer what is in the pipe and then its end.
     */
    private static FileChannel openForReading(Path fifo) throws IOException {
        FileChannel both = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(fifo, StandardOpenOption.READ);
        } finally {
            both.close();
        }
    }

    private void copy(FileChannel pipe, CriStream stream, Clock clock) {
        ByteBuffer buf = ByteBuffer.allocate(PIECE);
        boolean open = false; // the last entry written was partial
        try {
            while (true) {
                buf.clear();
                int n = pipe.read(buf);
                if (n < 0) break;
                if (n == 0) continue;
                append(entries(buf.array(), n, stream, clock));
                open = buf.get(n - 1) != '\n';
            }
            if (open) append(new CriEntry(clock.instant(), stream, false, new byte[0]).encode());
        } catch (IOException e) {
            if (!closed) LOG.warn("log pump {} of {} stopped: {}", stream.word(), dir, e.toString());
        } finally {
            try {
                pipe.close();
            } catch (IOException e) {
                // closing anyway
            }
            done.countDown();
            if (done.getCount() == 0) closeLog();
        }
    }

    private void closeLog() {
        try {
            log.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The file lines for {@code n} bytes read at one time: a full entry per newline, a partial one for the rest. */
    static byte[] entries(byte[] b, int n, CriStream stream, Clock clock) {
        java.time.Instant at = clock.instant();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] != '\n') continue;
            out.writeBytes(new CriEntry(at, stream, false, Arrays.copyOfRange(b, start, i)).encode());
            start = i + 1;
        }
        if (start < n) out.writeBytes(new CriEntry(at, stream, true, Arrays.copyOfRange(b, start, n)).encode());
        return out.toByteArray();
    }

    /** Appends whole file lines, a batch with one write (the streams' threads take turns). */
    private void append(byte[] lines) throws IOException {
        synchronized (log) {
            ByteBuffer bb = ByteBuffer.wrap(lines);
            while (bb.hasRemaining()) log.write(bb);
        }
    }

    /** True once both streams were read to their end (or the pump was closed). */
    public boolean finished() {
        return done.getCount() == 0;
    }

    /** Waits up to {@code timeout} for both streams to end; answers whether they did. */
    public boolean awaitFinished(java.time.Duration timeout) {
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops reading (what is still in the pipes stays there for the next pump) and removes the
     * {@code reader} file, so a supervisor that ends meanwhile waits for the next one. Idempotent.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            Files.deleteIfExists(dir.resolve("reader"));
        } catch (IOException e) {
            // the directory is going
        }
        for (Thread t : threads) t.interrupt();
        for (FileChannel p : pipes) {
            try {
                p.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (threads.isEmpty() && done.getCount() > 0) done.countDown(); // closed before its threads started
        closeLog();
    }
}
