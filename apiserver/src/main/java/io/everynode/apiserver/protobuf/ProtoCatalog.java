package io.everynode.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message descriptor of each kind, by API group, version and kind, taken from the compiled
 * {@code generated.proto} files: a top-level message named like the kind in the file of the
 * group's version is that kind's wire form. The options kinds every group version carries
 * ({@code DeleteOptions} and the like) come from meta/v1.
 *
 * <p>Groups whose files client-java-proto does not ship (discovery.k8s.io, node.k8s.io,
 * coordination.k8s.io) have no descriptors here: their protobuf bodies are refused (415), JSON
 * works.
 */
public final class ProtoCatalog {
    private static final String META_GROUP = "meta.k8s.io";

    private final Map<String, Descriptor> byKind;

    /** @param files API group name ("" for core) to the generated.proto files of its versions */
    public ProtoCatalog(Map<String, List<FileDescriptor>> files) {
        Map<String, Descriptor> byKind = new HashMap<>();
        files.forEach((group, list) -> {
            for (FileDescriptor f : list) {
                String pkg = f.getPackage();
                String version = pkg.substring(pkg.lastIndexOf('.') + 1);
                for (Descriptor d : f.getMessageTypes()) byKind.put(key(group, version, d.getName()), d);
            }
        });
        this.byKind = Map.copyOf(byKind);
    }

    /** The groups node agents and kubectl's generators use, as client-java-proto ships them. */
    public static ProtoCatalog kubernetes() {
        return new ProtoCatalog(Map.ofEntries(
                Map.entry(META_GROUP, List.of(Meta.getDescriptor())),
                Map.entry("", List.of(V1.getDescriptor())),
                Map.entry("apps", List.of(V1Apps.getDescriptor())),
                Map.entry("batch", List.of(V1Batch.getDescriptor())),
                Map.entry("autoscaling", List.of(V2Autoscaling.getDescriptor())),
                Map.entry("policy", List.of(V1Policy.getDescriptor())),
                Map.entry("rbac.authorization.k8s.io", List.of(V1Rbac.getDescriptor())),
                Map.entry("networking.k8s.io", List.of(V1Networking.getDescriptor())),
                Map.entry("storage.k8s.io", List.of(V1Storage.getDescriptor())),
                Map.entry("scheduling.k8s.io", List.of(V1Scheduling.getDescriptor())),
                Map.entry("admissionregistration.k8s.io", List.of(V1Admissionregistration.getDescriptor())),
                Map.entry("authentication.k8s.io", List.of(V1Authentication.getDescriptor())),
                Map.entry("certificates.k8s.io", List.of(V1Certificates.getDescriptor())),
                Map.entry("authorization.k8s.io", List.of(V1Authorization.getDescriptor())),
                Map.entry("apiextensions.k8s.io", List.of(V1Apiextensions.getDescriptor()))));
    }

    /**
     * The message of a kind named by an object's {@code apiVersion} ("v1", "apps/v1") and
     * {@code kind}; the options kinds fall back to meta/v1's.
     */
    public Optional<Descriptor> find(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        Descriptor d = byKind.get(key(group, version, kind));
        if (d == null && kind.endsWith("Options")) d = byKind.get(key(META_GROUP, "v1", kind));
        return Optional.ofNullable(d);
    }

    private static String key(String group, String version, String kind) {
        return group + "/" + version + "/" + kind;
    }
}
