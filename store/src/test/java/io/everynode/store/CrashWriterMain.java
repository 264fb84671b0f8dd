package io.everynode.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The child of the crash test: writes keys from four threads until killed, printing
 * {@code ack <key> <revision>} for each write only after the store returned it.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {}

    public static void main(String[] args) throws InterruptedException {
        Store store =
                Stores.open(StoreConfig.sqlite(Path.of(args[0])).withCompactInterval(Duration.ZERO), Clock.systemUTC());
        Thread[] writers = new Thread[4];
        for (int w = 0; w < writers.length; w++) {
            int writer = w;
            writers[w] = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String key = "/crash/" + writer + "/" + i;
                    long revision = store.create(key, ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                            .modRevision();
                    synchronized (System.out) {
                        System.out.println("ack " + key + " " + revision);
                        System.out.flush();
                    }
                }
            });
            writers[w].start();
        }
        for (Thread t : writers) {
            t.join();
        }
    }
}
