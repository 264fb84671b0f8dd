package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for the objects the scenarios use; all in namespace "default". */
final class Fixtures {
    static final String NS = "default";

    private Fixtures() {}

    /** A DaemonSet "name" selecting {@code app=name}, RollingUpdate maxUnavailable 1 / maxSurge 0 (R5.1 defaults). */
    static DaemonSet daemonSet(String name) {
        DaemonSet ds = new DaemonSet();
        ds.setApiVersion("apps/v1");
        ds.setKind("DaemonSet");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(NS);
        meta.setUid("uid-" + name);
        meta.setGeneration(1L);
        meta.setResourceVersion("1");
        meta.setAnnotations(new LinkedHashMap<>(Map.of(PodFacts.TEMPLATE_GENERATION_ANNOTATION, "1")));
        ds.setMetadata(meta);
        DaemonSetSpec spec = new DaemonSetSpec();
        LabelSelector sel = new LabelSelector();
        sel.setMatchLabels(new LinkedHashMap<>(Map.of("app", name)));
        spec.setSelector(sel);
        PodTemplateSpec t = new PodTemplateSpec();
        ObjectMeta tm = new ObjectMeta();
        tm.setLabels(new LinkedHashMap<>(Map.of("app", name)));
        t.setMetadata(tm);
        PodSpec ps = new PodSpec();
        Container c = new Container();
        c.setName("agent");
        c.setImage("agent:1");
        ps.setContainers(new ArrayList<>(List.of(c)));
        ps.setRestartPolicy("Always");
        t.setSpec(ps);
        spec.setTemplate(t);
        spec.setUpdateStrategy(rollingUpdate(new IntOrString(1), new IntOrString(0)));
        spec.setRevisionHistoryLimit(10);
        spec.setMinReadySeconds(0);
        ds.setSpec(spec);
        ds.setStatus(new DaemonSetStatus());
        return ds;
    }

    static DaemonSetUpdateStrategy rollingUpdate(IntOrString maxUnavailable, IntOrString maxSurge) {
        RollingUpdateDaemonSet ru = new RollingUpdateDaemonSet();
        ru.setMaxUnavailable(maxUnavailable);
        ru.setMaxSurge(maxSurge);
        DaemonSetUpdateStrategy s = new DaemonSetUpdateStrategy();
        s.setType("RollingUpdate");
        s.setRollingUpdate(ru);
        return s;
    }

    static DaemonSetUpdateStrategy onDelete() {
        DaemonSetUpdateStrategy s = new DaemonSetUpdateStrategy();
        s.setType("OnDelete");
        return s;
    }

    static Node node(String name, String... labelPairs) {
        Node n = new Node();
        n.setApiVersion("v1");
        n.setKind("Node");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setResourceVersion("1");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", name);
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        meta.setLabels(labels);
        n.setMetadata(meta);
        n.setSpec(new NodeSpec());
        NodeStatus st = new NodeStatus();
        NodeCondition ready = new NodeCondition();
        ready.setType("Ready");
        ready.setStatus("True");
        ready.setLastHeartbeatTime("2026-01-01T00:00:00Z");
        st.setConditions(new ArrayList<>(List.of(ready)));
        n.setStatus(st);
        return n;
    }

    static List<Node> nodes(int count) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(node(String.format("node-%03d", i)));
        }
        return out;
    }

    static Node tainted(Node n, String key, String value, String effect) {
        Taint t = new Taint();
        t.setKey(key);
        t.setValue(value);
        t.setEffect(effect);
        List<Taint> taints = new ArrayList<>(
                n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints());
        taints.add(t);
        n.getSpec().setTaints(taints);
        return n;
    }

    static Toleration toleration(String key, String operator, String value, String effect) {
        Toleration t = new Toleration();
        t.setKey(key);
        t.setOperator(operator);
        t.setValue(value);
        t.setEffect(effect);
        return t;
    }

    /** A pod of {@code ds} aimed at {@code node} through affinity (unbound), with the given hash label. */
    static Pod podFor(DaemonSet ds, String name, String node, String hash) {
        Pod p = PodTemplates.forNode(PodTemplates.base(ds, hash), node);
        p.getMetadata().setName(name);
        p.getMetadata().setGenerateName(null);
        p.getMetadata().setUid("uid-" + name);
        p.getMetadata().setCreationTimestamp("2025-12-31T00:00:00Z");
        p.getMetadata().setResourceVersion("1");
        PodStatus st = new PodStatus();
        st.setPhase("Pending");
        p.setStatus(st);
        return p;
    }

    /** A plain pod with labels and no owner. */
    static Pod orphan(String name, String node, Map<String, String> labels) {
        Pod p = new Pod();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(NS);
        meta.setUid("uid-" + name);
        meta.setResourceVersion("1");
        meta.setCreationTimestamp("2025-12-31T00:00:00Z");
        meta.setLabels(new LinkedHashMap<>(labels));
        p.setMetadata(meta);
        PodSpec spec = new PodSpec();
        spec.setNodeName(node);
        p.setSpec(spec);
        PodStatus st = new PodStatus();
        st.setPhase("Running");
        p.setStatus(st);
        return p;
    }

    static NodeSelector nodeNameIn(String... nodes) {
        NodeSelectorTerm term = new NodeSelectorTerm();
        term.setMatchFields(List.of(new NodeSelectorRequirement("metadata.name", "In", List.of(nodes))));
        return new NodeSelector(List.of(term));
    }

    static NodeSelector labelIn(String key, String... values) {
        NodeSelectorTerm term = new NodeSelectorTerm();
        term.setMatchExpressions(List.of(new NodeSelectorRequirement(key, "In", List.of(values))));
        return new NodeSelector(List.of(term));
    }
}
