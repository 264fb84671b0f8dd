package io.everynode.controllers.rootcacert;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sync of one namespace key: an active namespace gets the ConfigMap {@link #NAME} with
 * {@code ca.crt} = the cluster CA and upstream's description annotation; one whose data differs
 * (edited, or the CA changed) is set back, keeping its other metadata. A namespace being deleted
 * is left alone.
 *
 * <p>Threading: stateless; one worker calls {@link #sync}.
 */
public final class RootCaPublisher {
    public static final String NAME = "kube-root-ca.crt";
    public static final String KEY = "ca.crt";
    static final String DESCRIPTION_ANNOTATION = "kubernetes.io/description";
    /** Upstream's description, word for word. */
    static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when using"
            + " internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is"
            + " guaranteed across distributions of Kubernetes clusters.";

    private final String caPem;
    private final Lister<Namespace> namespaces;
    private final Lister<ConfigMap> configMaps;
    private final RootCaActions actions;

    public RootCaPublisher(
            String caPem, Lister<Namespace> namespaces, Lister<ConfigMap> configMaps, RootCaActions actions) {
        this.caPem = Objects.requireNonNull(caPem, "caPem");
        this.namespaces = namespaces;
        this.configMaps = configMaps;
        this.actions = actions;
    }

    public void sync(String namespace) {
        Optional<Namespace> ns = namespaces.get(namespace);
        if (ns.isEmpty() || !active(ns.get())) return;
        Optional<ConfigMap> current = configMaps.get(namespace, NAME);
        Map<String, String> want = Map.of(KEY, caPem);
        if (current.isEmpty()) {
            actions.create(new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(NAME)
                    .withNamespace(namespace)
                    .withAnnotations(Map.of(DESCRIPTION_ANNOTATION, DESCRIPTION))
                    .endMetadata()
                    .withData(want)
                    .build());
            return;
        }
        ConfigMap cm = current.get();
        String annotation = cm.getMetadata().getAnnotations() == null
                ? null
                : cm.getMetadata().getAnnotations().get(DESCRIPTION_ANNOTATION);
        boolean dataOk = want.equals(cm.getData())
                && (cm.getBinaryData() == null || cm.getBinaryData().isEmpty());
        if (dataOk && DESCRIPTION.equals(annotation)) return;
        Map<String, String> annotations = new HashMap<>();
        if (cm.getMetadata().getAnnotations() != null)
            annotations.putAll(cm.getMetadata().getAnnotations());
        annotations.put(DESCRIPTION_ANNOTATION, DESCRIPTION);
        actions.update(new ConfigMapBuilder(cm)
                .editMetadata()
                .withAnnotations(annotations)
                .endMetadata()
                .withData(want)
                .withBinaryData(null)
                .build());
    }

    static boolean active(Namespace ns) {
        return ns.getMetadata().getDeletionTimestamp() == null
                && (ns.getStatus() == null
                        || !"Terminating".equals(ns.getStatus().getPhase()));
    }
}
