package io.everynode.cli;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code everynode server}: the API server on an embedded SQLite store in a data directory. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Runs the Kubernetes API server on an embedded store.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = ".everynode/server", description = "Where the store lives (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "6443", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Only loopback until authentication exists.")
    String bind;

    @Override
    public Integer call() throws Exception {
        try {
            HttpFrontend.requireLoopback(bind);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Files.createDirectories(dataDir);
        Clock clock = Clock.systemUTC();
        Store store;
        try {
            store = Stores.open(StoreConfig.sqlite(dataDir), clock);
        } catch (RuntimeException e) {
            System.err.println("error: cannot open the store in " + dataDir + ": " + e.getMessage());
            return 1;
        }
        ApiServer api = new ApiServer(ApiServerConfig.defaults(), store, clock);
        HttpFrontend http = new HttpFrontend(api, bind, port);
        http.start();
        String address = bind + ":" + http.port();
        api.advertise(address);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Each step runs whatever the one before did, so the store is always closed.
            try {
                http.close();
            } catch (Throwable ignored) {
                // stopping anyway
            }
            try {
                api.close();
            } finally {
                store.close();
                stopped.countDown();
            }
        }));
        System.out.println("everynode server listening on http://" + address + " (data in " + dataDir.toAbsolutePath() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
