package io.everynode.agent.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One exec's WebSocket: stdin frames (channel 0) go to the process, its stdout and stderr go out
 * on channels 1 and 2 (each read by a thread of its own), and once both have ended and the process
 * has exited, its outcome goes out on channel 3 and the session closes. A client that goes away
 * kills the process. Sends are serialized: one frame at a time.
 */
public final class ExecSession extends Session.Listener.AbstractAutoDemanding {
    static final byte STDIN = 0, STDOUT = 1, STDERR = 2, ERROR = 3, RESIZE = 4, CLOSE = (byte) 255;

    private final Process process;
    private final List<String> command;
    private final boolean stdin, stdout, stderr, tty;
    private final BinarySender sender = new BinarySender();

    ExecSession(Process process, List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {
        this.tty = tty;
        this.process = process;
        this.command = command;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        if (!stdin) closeStdin();
        Thread out = pump(process.getInputStream(), stdout ? STDOUT : -1, "exec-stdout");
        Thread err = pump(process.getErrorStream(), stderr ? STDERR : -1, "exec-stderr");
        daemon("exec-wait", () -> {
            try {
                out.join();
                err.join();
                int code = process.waitFor();
                send(ERROR, ExecStatus.of(command, code));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client is gone: nothing to tell it
            }
            session.close(1000, "", Callback.NOOP);
        });
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        if (payload.remaining() > 0) {
            byte channel = payload.get();
            try {
                if (channel == STDIN && stdin) {
                    byte[] data = new byte[payload.remaining()];
                    payload.get(data);
                    OutputStream in = process.getOutputStream();
                    in.write(data);
                    in.flush();
                } else if (channel == CLOSE && payload.remaining() > 0 && payload.get() == STDIN) {
                    closeStdin();
                } else if (channel == RESIZE && tty) {
                    resize(payload);
                }
            } catch (IOException e) {
                // the command closed its stdin: what the client still sends is dropped
            }
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        abandon();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        abandon();
    }

    /** A resize message, {@code {"Width":W,"Height":H}}; retried briefly while the terminal is still being made. */
    private void resize(ByteBuffer payload) {
        byte[] json = new byte[payload.remaining()];
        payload.get(json);
        tools.jackson.databind.JsonNode size;
        try {
            size = io.everynode.api.json.Json.parse(json);
        } catch (RuntimeException e) {
            return; // not a size: nothing to do
        }
        int width = size.path("Width").asInt(0), height = size.path("Height").asInt(0);
        if (width <= 0 || height <= 0) return;
        daemon("exec-resize", () -> {
            for (int i = 0; i < 20 && process.isAlive(); i++) {
                if (io.everynode.agent.TerminalExec.resize(process, width, height)) return;
                try {
                    process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Kills the command and what it started, when no client follows it any more. */
    void abandon() {
        if (!process.isAlive()) return;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Copies {@code in} to {@code channel} until it ends; with channel -1 reads and drops it (so the command never blocks). */
    private Thread pump(InputStream in, int channel, String name) {
        return daemon(name, () -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (channel >= 0 && n > 0) send((byte) channel, java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                // the process or the client ended
            }
        });
    }

    private void send(byte channel, byte[] data) throws IOException {
        sender.send(getSession(), BinarySender.channelFrame(channel, data));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
