package io.everynode.agent.logs;

import io.everynode.agent.crilog.CriStream;
import java.io.IOException;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * A running container's output from now on, read from its log by the same code that serves
 * {@code kubectl logs -f --tail=0} ({@link LogStreamer}): what {@code kubectl attach} shows. It
 * ends when the container's instance ends, or when the reader goes away.
 */
public final class OutputFollower {
    /** Where the output goes; a failure means the reader went away. */
    @FunctionalInterface
    public interface Output {
        /**
         * Bytes the container wrote on {@code stream} ("stdout" or "stderr"), as its CRI log
         * tells them apart (a log line from before that format counts as "stdout").
         */
        void write(String stream, byte[] bytes) throws IOException;
    }

    private static final LogOptions FROM_NOW = new LogOptions(true, false, false, 0L, null, null);

    private final LogStreamer streamer;

    public OutputFollower(LogSource source, Clock clock) {
        this.streamer = new LogStreamer(source, clock);
    }

    /**
     * Follows the output of {@code container} of pod {@code namespace/pod} until its instance
     * ends or {@code gone} answers true. {@code positioned} runs once the follower knows where
     * "now" is in the log (everything written from then on reaches {@code out}), or, at the
     * latest, when this returns.
     *
     * @return null when it was followed; else why there is no output to follow (the log
     *     endpoint's words, e.g. a pod the node does not run or a runtime that keeps no logs)
     */
    public String follow(
            String namespace, String pod, String container, Output out, BooleanSupplier gone, Runnable positioned)
            throws IOException {
        String[] refused = {null};
        try {
            serve(namespace, pod, container, out, gone, positioned, refused);
        } finally {
            positioned.run();
        }
        return refused[0];
    }

    private void serve(
            String namespace,
            String pod,
            String container,
            Output out,
            BooleanSupplier gone,
            Runnable positioned,
            String[] refused)
            throws IOException {
        streamer.serve(namespace, pod, container, FROM_NOW, new LogStreamer.Answer() {
            @Override
            public void error(int status, String message) {
                refused[0] = message;
            }

            @Override
            public LogWriter.Sink begin() {
                return new LogWriter.Sink() {
                    @Override
                    public void write(byte[] bytes) throws IOException {
                        out.write(CriStream.STDOUT.word(), bytes);
                    }

                    @Override
                    public void write(CriStream stream, byte[] bytes) throws IOException {
                        out.write(stream.word(), bytes);
                    }
                };
            }

            @Override
            public boolean clientGone() {
                return gone.getAsBoolean();
            }

            @Override
            public void positioned() {
                positioned.run();
            }
        });
    }
}
