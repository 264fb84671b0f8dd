package io.everynode.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** Records what a watch or an informer told it, as "ADDED web-1" lines. */
final class Recorder<T extends HasMetadata> implements Watcher<T>, ResourceEventHandler<T> {
    private final List<String> lines = new ArrayList<>();
    private final List<Exception> closes = new ArrayList<>();
    private int closeCount;

    @Override
    public synchronized void onEvent(WatchEvent<T> event) {
        if (event.type() != WatchEvent.Type.BOOKMARK)
            lines.add(event.type() + " " + event.object().getMetadata().getName());
    }

    @Override
    public synchronized void onClose(Exception cause) {
        closeCount++;
        if (cause != null) closes.add(cause);
    }

    @Override
    public synchronized void onAdd(T object) {
        lines.add("add " + object.getMetadata().getName());
    }

    @Override
    public synchronized void onUpdate(T oldObject, T newObject) {
        lines.add("update " + newObject.getMetadata().getName());
    }

    @Override
    public synchronized void onDelete(T object) {
        lines.add("delete " + object.getMetadata().getName());
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    synchronized int closeCount() {
        return closeCount;
    }

    synchronized List<Exception> failures() {
        return new ArrayList<>(closes);
    }
}
