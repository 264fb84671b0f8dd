package io.everynode.apiserver.auth.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.apiserver.auth.node.PodReferences.Kind;
import io.everynode.apiserver.auth.node.PodReferences.Ref;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class NodeGraphTest {
    static ObjectNode pod(String name, String node, String specJson) {
        ObjectNode p = (ObjectNode)
                Json.parse(("{\"metadata\":{\"namespace\":\"ns\",\"name\":\"" + name + "\"},\"spec\":" + specJson + "}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (node != null) Json.child(p, "spec").put("nodeName", node);
        return p;
    }

    private static Ref secret(String name) {
        return new Ref(Kind.SECRET, "ns", name);
    }

    @Test
    void aBoundPodRelatesItsNodeToEveryObjectItNamesAndNoOtherNode() {
        NodeGraph g = new NodeGraph();
        g.putPod(
                "ns/p",
                pod(
                        "p",
                        "a",
                        "{\"serviceAccountName\":\"sa\",\"imagePullSecrets\":[{\"name\":\"pull\"}],"
                                + "\"volumes\":[{\"name\":\"v\",\"secret\":{\"secretName\":\"vol\"}},"
                                + "{\"name\":\"c\",\"configMap\":{\"name\":\"cm\"}},"
                                + "{\"name\":\"pr\",\"projected\":{\"sources\":[{\"secret\":{\"name\":\"proj\"}}]}},"
                                + "{\"name\":\"d\",\"persistentVolumeClaim\":{\"claimName\":\"data\"}},"
                                + "{\"name\":\"e\",\"ephemeral\":{}}],"
                                + "\"containers\":[{\"name\":\"x\",\"env\":[{\"name\":\"K\",\"valueFrom\":"
                                + "{\"secretKeyRef\":{\"name\":\"env\",\"key\":\"k\"}}}],"
                                + "\"envFrom\":[{\"configMapRef\":{\"name\":\"from\"}}]}]}"));

        for (String s : new String[] {"pull", "vol", "proj", "env"}) {
            assertThat(g.related("a", secret(s))).as(s).isTrue();
            assertThat(g.related("b", secret(s))).as(s).isFalse();
        }
        assertThat(g.related("a", new Ref(Kind.CONFIG_MAP, "ns", "cm"))).isTrue();
        assertThat(g.related("a", new Ref(Kind.CONFIG_MAP, "ns", "from"))).isTrue();
        assertThat(g.related("a", new Ref(Kind.CLAIM, "ns", "data"))).isTrue();
        assertThat(g.related("a", new Ref(Kind.CLAIM, "ns", "p-e"))).isTrue();
        assertThat(g.related("a", new Ref(Kind.SERVICE_ACCOUNT, "ns", "sa"))).isTrue();
        assertThat(g.related("a", new Ref(Kind.SECRET, "other", "vol"))).isFalse();
        assertThat(g.related("a", secret("cm"))).isFalse();
    }

    @Test
    void aPodWithoutANodeRelatesNothing() {
        NodeGraph g = new NodeGraph();
        g.putPod("ns/p", pod("p", null, "{\"imagePullSecrets\":[{\"name\":\"pull\"}]}"));
        assertThat(g.podCount()).isZero();
        assertThat(g.related("a", secret("pull"))).isFalse();
    }

    @Test
    void anObjectStaysRelatedWhileAnotherPodOfTheNodeStillNamesIt() {
        NodeGraph g = new NodeGraph();
        String spec = "{\"imagePullSecrets\":[{\"name\":\"pull\"}]}";
        g.putPod("ns/p1", pod("p1", "a", spec));
        g.putPod("ns/p2", pod("p2", "a", spec));
        g.removePod("ns/p1");
        assertThat(g.related("a", secret("pull"))).isTrue();
        g.removePod("ns/p2");
        assertThat(g.related("a", secret("pull"))).isFalse();
    }

    @Test
    void aPodThatChangesItsReferencesLosesTheOldOnes() {
        NodeGraph g = new NodeGraph();
        g.putPod("ns/p", pod("p", "a", "{\"imagePullSecrets\":[{\"name\":\"old\"}]}"));
        g.putPod("ns/p", pod("p", "a", "{\"imagePullSecrets\":[{\"name\":\"new\"}]}"));
        assertThat(g.related("a", secret("old"))).isFalse();
        assertThat(g.related("a", secret("new"))).isTrue();
    }

    @Test
    void aVolumeIsRelatedThroughTheBoundClaimOfAPodOnTheNode() {
        NodeGraph g = new NodeGraph();
        g.putPod(
                "ns/p",
                pod("p", "a", "{\"volumes\":[{\"name\":\"d\",\"persistentVolumeClaim\":{\"claimName\":\"data\"}}]}"));
        assertThat(g.relatedVolume("a", "pv-1")).isFalse();
        g.putClaim(
                Json.parse("{\"metadata\":{\"namespace\":\"ns\",\"name\":\"data\"},\"spec\":{\"volumeName\":\"pv-1\"}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(g.relatedVolume("a", "pv-1")).isTrue();
        assertThat(g.relatedVolume("b", "pv-1")).isFalse();
        g.removeClaim("ns", "data");
        assertThat(g.relatedVolume("a", "pv-1")).isFalse();
    }
}
