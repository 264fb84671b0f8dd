package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.scheduling.DaemonTolerations;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape of a created pod (R2.10). */
class PodTemplatesTest {

    @Test
    void aCreatedPodCarriesTemplateLabelsHashGenerationAndOwner() {
        DaemonSet ds = Fixtures.daemonSet("fluentd");
        ds.getSpec().getTemplate().getMetadata().setAnnotations(Map.of("note", "x"));
        Pod p = PodTemplates.forNode(PodTemplates.base(ds, "abc"), "n1");
        assertThat(p.getMetadata().getGenerateName()).isEqualTo("fluentd-");
        assertThat(p.getMetadata().getName()).isNull();
        assertThat(p.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(p.getMetadata().getLabels())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("app", "fluentd", "controller-revision-hash", "abc", "pod-template-generation", "1"));
        assertThat(p.getMetadata().getAnnotations()).containsEntry("note", "x");
        var ref = p.getMetadata().getOwnerReferences().get(0);
        assertThat(List.of(ref.getApiVersion(), ref.getKind(), ref.getName(), ref.getUid()))
                .containsExactly("apps/v1", "DaemonSet", "fluentd", "uid-fluentd");
        assertThat(ref.getController()).isTrue();
        assertThat(ref.getBlockOwnerDeletion()).isTrue();
        assertThat(p.getSpec().getNodeName()).isNull();
    }

    @Test
    void withoutATemplateGenerationAnnotationThereIsNoGenerationLabel() {
        DaemonSet ds = Fixtures.daemonSet("d");
        ds.getMetadata().getAnnotations().put(PodFacts.TEMPLATE_GENERATION_ANNOTATION, "not-a-number");
        Pod p = PodTemplates.base(ds, "abc");
        assertThat(p.getMetadata().getLabels()).doesNotContainKey(PodFacts.TEMPLATE_GENERATION_LABEL);
    }

    @Test
    void requiredAffinityIsReplacedByOneNodeNameTermAndPreferredTermsAreKept() {
        DaemonSet ds = Fixtures.daemonSet("d");
        NodeAffinity na = new NodeAffinity();
        na.setRequiredDuringSchedulingIgnoredDuringExecution(Fixtures.labelIn("zone", "z1"));
        PreferredSchedulingTerm pref = new PreferredSchedulingTerm();
        pref.setWeight(1);
        na.setPreferredDuringSchedulingIgnoredDuringExecution(List.of(pref));
        Affinity aff = new Affinity();
        aff.setNodeAffinity(na);
        ds.getSpec().getTemplate().getSpec().setAffinity(aff);
        Pod p = PodTemplates.forNode(PodTemplates.base(ds, "h"), "n1");
        var got = p.getSpec().getAffinity().getNodeAffinity();
        assertThat(got.getRequiredDuringSchedulingIgnoredDuringExecution()).isEqualTo(Fixtures.nodeNameIn("n1"));
        assertThat(got.getPreferredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
        // The DaemonSet itself is untouched.
        assertThat(ds.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getAffinity()
                        .getNodeAffinity()
                        .getRequiredDuringSchedulingIgnoredDuringExecution())
                .isEqualTo(Fixtures.labelIn("zone", "z1"));
    }

    @Test
    void automaticTolerationsAreAddedAndOverwriteIdenticalUserOnes() { // pitfall 3
        DaemonSet ds = Fixtures.daemonSet("d");
        Toleration user = Fixtures.toleration(DaemonTolerations.NOT_READY, "Exists", null, "NoExecute");
        user.setTolerationSeconds(300L);
        ds.getSpec().getTemplate().getSpec().setTolerations(List.of(user));
        ds.getSpec().getTemplate().getSpec().setHostNetwork(true);
        Pod p = PodTemplates.base(ds, "h");
        assertThat(p.getSpec().getTolerations()).hasSize(7);
        assertThat(p.getSpec().getTolerations().get(0).getTolerationSeconds()).isNull();
        assertThat(p.getSpec().getTolerations())
                .extracting(Toleration::getKey)
                .contains(DaemonTolerations.NETWORK_UNAVAILABLE);
    }

    @Test
    void anOverlongNameFallsBackToTheDaemonSetNameAsPrefix() {
        DaemonSet ds = Fixtures.daemonSet("x".repeat(250));
        assertThat(PodTemplates.base(ds, "h").getMetadata().getGenerateName()).isEqualTo("x".repeat(250));
    }
}
