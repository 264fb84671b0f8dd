package io.everynode.controlplane.etcd;

import io.everynode.testkit.history.ApiResource;
import io.everynode.testkit.history.History;
import io.everynode.testkit.history.Operation;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One writer thread per namespace, each creating ConfigMaps through a {@link RecordingClient} as
 * fast as the server answers, updating the one before each second one and deleting every fifth,
 * until {@link #stop}. It counts the outcomes, so a test can tell how many writes were acknowledged
 * after a fault ({@link #tally}).
 */
final class WriteBurst {
    static final ApiResource CONFIG_MAPS = ApiResource.core("configmaps");

    /** Writes acknowledged, and writes that were not (an error or no answer), so far. */
    record Tally(int acknowledged, int notAcknowledged) {
        Tally since(Tally earlier) {
            return new Tally(acknowledged - earlier.acknowledged, notAcknowledged - earlier.notAcknowledged);
        }
    }

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger notAcknowledged = new AtomicInteger();
    private final List<Thread> writers = new ArrayList<>();

    /** Starts the writers. @param timeout each request's; longer than the server's store timeout */
    WriteBurst(History history, HttpClient http, URI server, List<String> namespaces, Duration timeout) {
        for (String namespace : namespaces) {
            RecordingClient client = new RecordingClient("writer-" + namespace, http, () -> server, history, timeout);
            Thread t = new Thread(() -> write(client, namespace), "writer-" + namespace);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    Tally tally() {
        return new Tally(acknowledged.get(), notAcknowledged.get());
    }

    /** Stops the writers and waits for their last requests to end. */
    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : writers) t.join(60_000);
    }

    private void write(RecordingClient client, String namespace) {
        for (int i = 1; !stop.get(); i++) {
            count(client.create(CONFIG_MAPS, namespace, configMap("cm-" + i, "v" + i)));
            if (i % 2 == 0)
                count(client.update(CONFIG_MAPS, namespace, "cm-" + (i - 1), configMap("cm-" + (i - 1), "u" + i)));
            if (i % 5 == 0) count(client.delete(CONFIG_MAPS, namespace, "cm-" + (i - 3)));
        }
    }

    private void count(Operation op) {
        if (op.outcome() instanceof Outcome.Acknowledged) acknowledged.incrementAndGet();
        else notAcknowledged.incrementAndGet();
    }

    static String configMap(String name, String value) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\"},\"data\":{\"v\":\"" + value + "\"}}";
    }
}
