package io.everynode.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Records what a watch delivers, and whether two calls ever overlapped. */
class RecordingListener implements WatchListener {
    final List<StoreEvent> events = new CopyOnWriteArrayList<>();
    final AtomicReference<RuntimeException> error = new AtomicReference<>();
    final AtomicInteger overlaps = new AtomicInteger();
    /** Each progress reported, with how many events had been delivered when it came. */
    final List<Progress> progress = new CopyOnWriteArrayList<>();

    private final AtomicInteger inside = new AtomicInteger();

    @Override
    public void onEvent(StoreEvent event) {
        if (inside.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            handle(event);
            events.add(event);
        } finally {
            inside.decrementAndGet();
        }
    }

    /** Hook for listeners that block or throw. */
    void handle(StoreEvent event) {}

    record Progress(long revision, int eventsBefore) {}

    @Override
    public void onProgress(long revision) {
        progress.add(new Progress(revision, events.size()));
    }

    /** The last progress revision reported, or 0. */
    long lastProgress() {
        return progress.isEmpty() ? 0 : progress.get(progress.size() - 1).revision();
    }

    @Override
    public void onError(RuntimeException e) {
        error.set(e);
    }

    List<Long> revisions() {
        return events.stream().map(StoreEvent::revision).toList();
    }

    List<String> keys() {
        return events.stream().map(StoreEvent::key).toList();
    }
}
