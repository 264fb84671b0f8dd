package io.everynode.api.validation;

import io.everynode.api.defaults.Defaults;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.List;

/** Valid, defaulted base objects that the table rows then break one field at a time. */
final class Fixtures {
    private Fixtures() {}

    static DaemonSet daemonSet() {
        DaemonSet ds = new DaemonSetBuilder()
                .withNewMetadata()
                .withName("fluent-bit")
                .withNamespace("logging")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "fluent-bit")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "fluent-bit")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("fluent-bit")
                .withImage("fluent/fluent-bit:2.1")
                .addNewVolumeMount()
                .withName("varlog")
                .withMountPath("/var/log")
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("varlog")
                .withNewHostPath()
                .withPath("/var/log")
                .endHostPath()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        Defaults.defaultDaemonSet(ds);
        return ds;
    }

    static Pod pod() {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("nginx:1.25")
                .addNewPort()
                .withName("http")
                .withContainerPort(80)
                .endPort()
                .endContainer()
                .endSpec()
                .build();
        Defaults.defaultPod(pod);
        return pod;
    }

    static List<String> messages(List<FieldError> errs) {
        return errs.stream().map(FieldError::message).toList();
    }
}
