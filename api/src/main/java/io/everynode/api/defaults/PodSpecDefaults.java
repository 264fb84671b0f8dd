package io.everynode.api.defaults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** Pod-spec, container, probe and volume defaults (core/v1 SetDefaults_*). */
final class PodSpecDefaults {
    private PodSpecDefaults() {}

    static void apply(PodSpec spec) {
        if (empty(spec.getDnsPolicy())) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (empty(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
        if (empty(spec.getSchedulerName())) {
            spec.setSchedulerName(Defaults.DEFAULT_SCHEDULER);
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(Defaults.TERMINATION_GRACE_PERIOD_SECONDS);
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        for (Container c : all(spec)) {
            container(c, hostNetwork);
        }
        if (spec.getVolumes() != null) {
            for (Volume v : spec.getVolumes()) {
                volume(v);
            }
        }
    }

    static List<Container> all(PodSpec spec) {
        List<Container> all = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        if (spec.getContainers() != null) {
            all.addAll(spec.getContainers());
        }
        return all;
    }

    static void container(Container c, boolean hostNetwork) {
        if (empty(c.getImagePullPolicy())) {
            c.setImagePullPolicy(pullPolicy(c.getImage()));
        }
        if (empty(c.getTerminationMessagePath())) {
            c.setTerminationMessagePath("/dev/termination-log");
        }
        if (empty(c.getTerminationMessagePolicy())) {
            c.setTerminationMessagePolicy("File");
        }
        if (c.getPorts() != null) {
            for (ContainerPort p : c.getPorts()) {
                if (empty(p.getProtocol())) {
                    p.setProtocol("TCP");
                }
                // Host-network pods listen on the host: hostPort defaults to containerPort.
                if (hostNetwork && (p.getHostPort() == null || p.getHostPort() == 0)) {
                    p.setHostPort(p.getContainerPort());
                }
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null
                        && e.getValueFrom().getFieldRef() != null
                        && empty(e.getValueFrom().getFieldRef().getApiVersion())) {
                    e.getValueFrom().getFieldRef().setApiVersion("v1");
                }
            }
        }
        probe(c.getLivenessProbe());
        probe(c.getReadinessProbe());
        probe(c.getStartupProbe());
    }

    /** Always for ":latest" or an untagged image without digest; IfNotPresent otherwise. */
    static String pullPolicy(String image) {
        if (image == null || image.isEmpty()) {
            return "IfNotPresent";
        }
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String tag = colon > slash ? image.substring(colon + 1) : "";
        return tag.isEmpty() || tag.equals("latest") ? "Always" : "IfNotPresent";
    }

    static void probe(Probe p) {
        if (p == null) {
            return;
        }
        if (p.getTimeoutSeconds() == null || p.getTimeoutSeconds() == 0) {
            p.setTimeoutSeconds(1);
        }
        if (p.getPeriodSeconds() == null || p.getPeriodSeconds() == 0) {
            p.setPeriodSeconds(10);
        }
        if (p.getSuccessThreshold() == null || p.getSuccessThreshold() == 0) {
            p.setSuccessThreshold(1);
        }
        if (p.getFailureThreshold() == null || p.getFailureThreshold() == 0) {
            p.setFailureThreshold(3);
        }
        if (p.getHttpGet() != null) {
            if (empty(p.getHttpGet().getPath())) {
                p.getHttpGet().setPath("/");
            }
            if (empty(p.getHttpGet().getScheme())) {
                p.getHttpGet().setScheme("HTTP");
            }
        }
    }

    static void volume(Volume v) {
        if (!hasSource(v)) {
            v.setEmptyDir(new io.fabric8.kubernetes.api.model.EmptyDirVolumeSource());
        }
        if (v.getHostPath() != null && v.getHostPath().getType() == null) {
            v.getHostPath().setType("");
        }
        if (v.getConfigMap() != null && v.getConfigMap().getDefaultMode() == null) {
            v.getConfigMap().setDefaultMode(Defaults.DEFAULT_VOLUME_MODE);
        }
        if (v.getSecret() != null && v.getSecret().getDefaultMode() == null) {
            v.getSecret().setDefaultMode(Defaults.DEFAULT_VOLUME_MODE);
        }
        if (v.getDownwardAPI() != null && v.getDownwardAPI().getDefaultMode() == null) {
            v.getDownwardAPI().setDefaultMode(Defaults.DEFAULT_VOLUME_MODE);
        }
        if (v.getProjected() != null && v.getProjected().getDefaultMode() == null) {
            v.getProjected().setDefaultMode(Defaults.DEFAULT_VOLUME_MODE);
        }
    }

    /** The source fields of a volume: every getter whose type is a *VolumeSource. */
    static List<Object> sources(Volume v) {
        List<Object> out = new ArrayList<>();
        for (Method m : Volume.class.getMethods()) {
            if (m.getName().startsWith("get")
                    && m.getParameterCount() == 0
                    && m.getReturnType().getSimpleName().endsWith("VolumeSource")) {
                try {
                    Object s = m.invoke(v);
                    if (s != null) {
                        out.add(s);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static boolean hasSource(Volume v) {
        return !sources(v).isEmpty();
    }

    static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
