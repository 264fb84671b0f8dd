package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last status this controller wrote for each DaemonSet, so the next sync does not write on
 * top of a cache that has not yet seen it (R3.2). Without it, a sync that runs right after the
 * previous one's status write (pod events arrive within milliseconds while pods are created)
 * reads the DaemonSet at the resourceVersion before that write, so its UpdateStatus conflicts and
 * costs a GET and a second write. The memo is used only while the cache still shows exactly the
 * version the write replaced: any other change makes the cache authoritative again, and a
 * conflict still falls back to R3.2's GET-and-retry. Thread-safe; one entry per DaemonSet key.
 */
final class StatusMemo {
    private record Written(String replacedVersion, DaemonSet stored) {}

    private final Map<String, Written> written = new ConcurrentHashMap<>();

    /** The freshest known DaemonSet: what we stored, if the cached one is the version our write replaced; else the cached one. */
    DaemonSet freshest(String key, DaemonSet cached) {
        Written w = written.get(key);
        if (w == null) return cached;
        String cachedVersion = cached.getMetadata().getResourceVersion();
        if (cachedVersion != null && cachedVersion.equals(w.replacedVersion())) return w.stored();
        written.remove(key, w); // the cache has moved on (our write or another's): trust it from now on
        return cached;
    }

    /** Records that the status write based on {@code replacedVersion} stored {@code stored}. */
    void wrote(String key, String replacedVersion, DaemonSet stored) {
        if (replacedVersion == null || stored == null || stored.getMetadata() == null) return;
        written.put(key, new Written(replacedVersion, stored));
    }

    void forget(String key) {
        written.remove(key);
    }
}
