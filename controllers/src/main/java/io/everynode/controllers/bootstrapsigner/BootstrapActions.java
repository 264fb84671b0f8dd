package io.everynode.controllers.bootstrapsigner;

import java.util.Map;

/** What the bootstrap controllers write. Implementations throw on failure; the sync is retried. */
public interface BootstrapActions {
    /** Makes the {@code cluster-info} ConfigMap's data {@code data}, creating the ConfigMap if needed. */
    void writeClusterInfo(Map<String, String> data, boolean exists);

    /** Deletes the bootstrap-token Secret {@code name} in kube-system; one already gone is success. */
    void deleteTokenSecret(String name);
}
