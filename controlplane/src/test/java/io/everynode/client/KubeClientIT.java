package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.client.Cluster.Via;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KubeClientIT {
    private Cluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new Cluster();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void createGetUpdateAndDeleteRoundTrip(Via via) {
        KubeClient client = cluster.client(via);
        Pod created = client.create(Cluster.pod("web-1"));
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();

        Pod got = client.get(Pod.class, "default", "web-1");
        assertThat(got.getSpec().getContainers()).extracting("image").containsExactly("busybox:1.36");

        got.getMetadata().getLabels().put("tier", "front");
        Pod updated = client.update(got);
        assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "front");
        assertThat(updated.getMetadata().getResourceVersion())
                .isNotEqualTo(created.getMetadata().getResourceVersion());

        client.delete(
                Pod.class,
                "default",
                "web-1",
                new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());
        assertThatThrownBy(() -> client.get(Pod.class, "default", "web-1"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.reason()).isEqualTo("NotFound");
                    assertThat(e.getMessage()).isEqualTo("pods \"web-1\" not found");
                });
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anUpdateWithAStaleResourceVersionIsAConflict(Via via) {
        KubeClient client = cluster.client(via);
        Pod first = client.create(Cluster.pod("web-1"));
        Pod fresh = client.get(Pod.class, "default", "web-1");
        fresh.getMetadata().getLabels().put("v", "2");
        client.update(fresh);

        first.getMetadata().getLabels().put("v", "stale");
        assertThatThrownBy(() -> client.update(first)).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.code()).isEqualTo(409);
            assertThat(e.isConflict()).isTrue();
            assertThat(e.getMessage()).contains("the object has been modified");
        });
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void creatingTheSameNameTwiceIsAlreadyExists(Via via) {
        KubeClient client = cluster.client(via);
        client.create(Cluster.pod("web-1"));
        assertThatThrownBy(() -> client.create(Cluster.pod("web-1")))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.isAlreadyExists()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void listFiltersByLabelAndFieldSelectorsAndCarriesAResourceVersion(Via via) {
        KubeClient client = cluster.client(via);
        client.create(Cluster.pod("web-1"));
        Pod other = Cluster.pod("db-1");
        other.getMetadata().getLabels().put("app", "db");
        client.create(other);
        client.bind(client.get(Pod.class, "default", "db-1"), "node-a");

        ObjectList<Pod> web = client.list(
                Pod.class,
                "default",
                new ListOptionsBuilder().withLabelSelector("app=web").build());
        assertThat(web.items()).extracting(p -> p.getMetadata().getName()).containsExactly("web-1");
        assertThat(web.resourceVersion()).isNotBlank();

        ObjectList<Pod> onNode = client.list(
                Pod.class,
                null,
                new ListOptionsBuilder()
                        .withFieldSelector("spec.nodeName=node-a")
                        .build());
        assertThat(onNode.items()).extracting(p -> p.getMetadata().getName()).containsExactly("db-1");

        assertThat(client.list(Namespace.class, null).items())
                .extracting(n -> n.getMetadata().getName())
                .contains("default");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anUnsupportedFieldSelectorIsABadRequest(Via via) {
        KubeClient client = cluster.client(via);
        assertThatThrownBy(() -> client.list(
                        Pod.class,
                        null,
                        new ListOptionsBuilder()
                                .withFieldSelector("spec.image=x")
                                .build()))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void patchesOfEachTypeApply(Via via) {
        KubeClient client = cluster.client(via);
        client.create(Cluster.pod("web-1"));
        Pod merged = client.patch(
                Pod.class, "default", "web-1", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"m\":\"1\"}}}");
        assertThat(merged.getMetadata().getLabels()).containsEntry("m", "1").containsEntry("app", "web");
        Pod strategic = client.patch(
                Pod.class,
                "default",
                "web-1",
                PatchType.STRATEGIC,
                "{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.37\"}]}}");
        assertThat(strategic.getSpec().getContainers()).extracting("image").containsExactly("busybox:1.37");
        Pod json = client.patch(
                Pod.class, "default", "web-1", PatchType.JSON, "[{\"op\":\"remove\",\"path\":\"/metadata/labels/m\"}]");
        assertThat(json.getMetadata().getLabels()).doesNotContainKey("m");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void statusIsWrittenOnlyThroughTheStatusSubresource(Via via) {
        KubeClient client = cluster.client(via);
        Pod pod = client.create(Cluster.pod("web-1"));
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        pod.getStatus().setPhase("Running");
        Pod viaMain = client.update(pod);
        assertThat(viaMain.getStatus() == null ? null : viaMain.getStatus().getPhase())
                .isNotEqualTo("Running");

        viaMain.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        viaMain.getStatus().setPhase("Running");
        assertThat(client.updateStatus(viaMain).getStatus().getPhase()).isEqualTo("Running");

        Pod patched = client.patch(
                Pod.class, "default", "web-1", PatchType.MERGE, "{\"status\":{\"phase\":\"Succeeded\"}}", "status");
        assertThat(patched.getStatus().getPhase()).isEqualTo("Succeeded");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void bindSetsTheNodeOnceAndASecondBindIsAConflict(Via via) {
        KubeClient client = cluster.client(via);
        Pod pod = client.create(Cluster.pod("web-1"));
        client.bind(pod, "node-a");
        assertThat(client.get(Pod.class, "default", "web-1").getSpec().getNodeName())
                .isEqualTo("node-a");
        assertThatThrownBy(() -> client.bind(pod, "node-b"))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void evictMarksThePodForDeletion(Via via) {
        KubeClient client = cluster.client(via);
        Pod pod = client.create(Cluster.pod("web-1"));
        client.evict(pod, new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());
        assertThatThrownBy(() -> client.get(Pod.class, "default", "web-1"))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void createEventRecordsAnEventAboutTheObject(Via via) {
        KubeClient client = cluster.client(via);
        Pod pod = client.create(Cluster.pod("web-1"));
        Event first = client.createEvent(pod, "Normal", "Scheduled", "placed on node-a", "scheduler");
        Event second = client.createEvent(pod, "Normal", "Scheduled", "placed again", "scheduler");
        assertThat(first.getMetadata().getName())
                .startsWith("web-1.")
                .isNotEqualTo(second.getMetadata().getName());
        assertThat(first.getInvolvedObject().getUid())
                .isEqualTo(pod.getMetadata().getUid());
        assertThat(first.getInvolvedObject().getKind()).isEqualTo("Pod");
        ObjectList<Event> events = client.list(
                Event.class,
                "default",
                new ListOptionsBuilder()
                        .withFieldSelector("involvedObject.name=web-1")
                        .build());
        assertThat(events.items())
                .extracting(Event::getMessage)
                .containsExactlyInAnyOrder("placed on node-a", "placed again");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aRepeatedEventRaisesTheCountOfOneEventInsteadOfWritingAnother(Via via) {
        KubeClient client = cluster.client(via);
        Pod pod = client.create(Cluster.pod("web-2"));
        Event first = client.createEvent(pod, "Warning", "Unhealthy", "Liveness probe failed: 500", "kubelet");
        client.createEvent(pod, "Warning", "Unhealthy", "Liveness probe failed: 500", "kubelet");
        Event third = client.createEvent(pod, "Warning", "Unhealthy", "Liveness probe failed: 500", "kubelet");
        client.createEvent(pod, "Warning", "Unhealthy", "Readiness probe failed: 503", "kubelet");
        assertThat(third.getMetadata().getName()).isEqualTo(first.getMetadata().getName());
        ObjectList<Event> events = client.list(
                Event.class,
                "default",
                new ListOptionsBuilder()
                        .withFieldSelector("involvedObject.name=web-2")
                        .build());
        assertThat(events.items())
                .extracting(Event::getMessage, Event::getCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Liveness probe failed: 500", 3),
                        org.assertj.core.groups.Tuple.tuple("Readiness probe failed: 503", 1));
        Event folded = events.items().stream()
                .filter(e -> e.getCount() == 3)
                .findFirst()
                .orElseThrow();
        assertThat(folded.getFirstTimestamp()).isEqualTo(first.getFirstTimestamp());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aRepeatOfAnEventDeletedMeanwhileIsWrittenAnew(Via via) {
        KubeClient client = cluster.client(via);
        Pod pod = client.create(Cluster.pod("web-3"));
        Event first = client.createEvent(pod, "Normal", "Killing", "Stopping container main", "kubelet");
        client.delete(Event.class, "default", first.getMetadata().getName());
        Event again = client.createEvent(pod, "Normal", "Killing", "Stopping container main", "kubelet");
        assertThat(again.getCount()).isEqualTo(1);
        assertThat(client.get(Event.class, "default", again.getMetadata().getName())
                        .getMessage())
                .isEqualTo("Stopping container main");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void combinedEventsOfOneObjectAndReasonFoldIntoOneEventThatCarriesTheLatestMessageAndTheSummedCount(Via via) {
        KubeClient client = cluster.client(via);
        Pod pod = client.create(Cluster.pod("web-4"));
        client.createEvent(
                pod,
                "Normal",
                "SuccessfulCreate",
                "(combined from similar events): Created pod: a",
                "daemonset-controller",
                3);
        client.createEvent(
                pod,
                "Normal",
                "SuccessfulCreate",
                "(combined from similar events): Created pod: b",
                "daemonset-controller",
                2);
        client.createEvent(pod, "Normal", "SuccessfulCreate", "Created pod: c", "daemonset-controller", 4);
        ObjectList<Event> events = client.list(
                Event.class,
                "default",
                new ListOptionsBuilder()
                        .withFieldSelector("involvedObject.name=web-4")
                        .build());
        assertThat(events.items())
                .extracting(Event::getMessage, Event::getCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("(combined from similar events): Created pod: b", 5),
                        org.assertj.core.groups.Tuple.tuple("Created pod: c", 4));
    }
}
