package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tiny text DSL for test tables: labels "a=1;b=2", taints "k=v:NoSchedule;k2:NoExecute". */
final class Nodes {
    private Nodes() {}

    static Node node(String name, String labels, String taints) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(map(labels))
                .endMetadata()
                .withNewSpec()
                .withTaints(taints(taints))
                .endSpec()
                .build();
    }

    static Map<String, String> map(String spec) {
        Map<String, String> m = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return m;
        }
        for (String kv : spec.split(";")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return m;
    }

    static List<Taint> taints(String spec) {
        List<Taint> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String t : spec.split(";")) {
            String[] kvE = t.trim().split(":");
            String[] kv = kvE[0].split("=", 2);
            out.add(new Taint(kvE[1], kv[0], null, kv.length > 1 ? kv[1] : null));
        }
        return out;
    }

    /** "key op value:effect:seconds" with op one of = / exists, e.g. "dedicated=gpu:NoSchedule", ":exists:" */
    static List<Toleration> tolerations(String spec) {
        List<Toleration> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String t : spec.split(";")) {
            String[] parts = t.trim().split(":", -1);
            Toleration tol = new Toleration();
            String kv = parts[0];
            if (kv.endsWith("?")) {
                tol.setOperator("Exists");
                tol.setKey(kv.substring(0, kv.length() - 1));
            } else {
                String[] kvs = kv.split("=", 2);
                tol.setOperator("Equal");
                tol.setKey(kvs[0]);
                tol.setValue(kvs.length > 1 ? kvs[1] : "");
            }
            tol.setEffect(parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null);
            if (parts.length > 2 && !parts[2].isEmpty()) {
                tol.setTolerationSeconds(Long.parseLong(parts[2]));
            }
            out.add(tol);
        }
        return out;
    }

    /** "key op v1,v2" e.g. "zone In a,b", "gpu Exists" */
    static NodeSelectorRequirement req(String spec) {
        String[] p = spec.trim().split(" ");
        List<String> values = p.length > 2 ? List.of(p[2].split(",")) : List.of();
        return new NodeSelectorRequirement(p[0], p[1], values);
    }
}
