package io.everynode.agent.process;

import static io.everynode.agent.process.ProcessTestSupport.container;
import static io.everynode.agent.process.ProcessTestSupport.log;
import static io.everynode.agent.process.ProcessTestSupport.pod;
import static io.everynode.agent.process.ProcessTestSupport.sh;
import static io.everynode.agent.process.ProcessTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.ContainerRuntime.ExecResult;
import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimeContainer.State;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRuntimeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final String node = ProcessTestSupport.uniqueNode();
    private final ProcessTestSupport.Keys keys = new ProcessTestSupport.Keys();
    private ProcessRuntime rt;
    private final List<Pod> started = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        ProcessTestSupport.assumeProcesses();
        rt = ProcessTestSupport.runtime(dir, node);
        keys.attach(rt);
    }

    @AfterEach
    void tearDown() {
        if (rt == null) return;
        for (Pod p : started) rt.removePod(p.getMetadata().getUid());
        rt.close();
    }

    private Pod start(Pod p) {
        started.add(p);
        for (Container c : p.getSpec().getContainers()) rt.startContainer(p, c);
        return p;
    }

    private RuntimeContainer awaitState(Pod p, String name, State s) {
        await().atMost(WAIT).until(() -> state(rt, p, name) == s);
        return container(rt, p, name);
    }

    @Test
    void aContainerThatExitsNonZeroIsTerminatedWithItsCodeAndReasonError() {
        Pod p = start(pod("crash", sh("main", "echo bye; exit 3")));
        RuntimeContainer c = awaitState(p, "main", State.TERMINATED);
        assertThat(c.exitCode()).isEqualTo(3);
        assertThat(c.reason()).isEqualTo("Error");
        assertThat(c.id()).startsWith("process://");
        // The listener is told after the runtime's lock is released, so a moment after the state changed.
        await().atMost(WAIT).untilAsserted(() -> assertThat(keys.seen).contains("default/crash"));
        assertThat(log(rt, p, "main", false)).contains("bye");
    }

    @Test
    void aContainerThatExitsZeroIsCompleted() {
        Pod p = start(pod("done", sh("main", "exit 0")));
        RuntimeContainer c = awaitState(p, "main", State.TERMINATED);
        assertThat(c.exitCode()).isEqualTo(0);
        assertThat(c.reason()).isEqualTo("Completed");
    }

    @Test
    void aRunningContainerIsReportedRunningAndReady() {
        Pod p = start(pod("run", sh("main", "exec sleep 60")));
        RuntimeContainer c = awaitState(p, "main", State.RUNNING);
        assertThat(c.ready()).isTrue();
        assertThat(c.startedAt()).isNotNull();
        assertThat(rt.pod(p.getMetadata().getUid()).orElseThrow().podIP()).isEqualTo("127.0.0.1");
    }

    @Test
    void aCommandThatIsNotOnThePathIsAStartError() {
        Pod p = start(pod(
                "nope",
                new ContainerBuilder()
                        .withName("main")
                        .withImage("x")
                        .withCommand("no-such-command-here")
                        .build()));
        RuntimeContainer c = awaitState(p, "main", State.TERMINATED);
        assertThat(c.exitCode()).isEqualTo(128);
        assertThat(c.reason()).isEqualTo("StartError");
        assertThat(c.message()).contains("executable file not found in $PATH");
    }

    @Test
    void aRestartKeepsThePreviousInstanceAsLastAndItsLogAsPrevious() {
        Pod p = start(
                pod("again", sh("main", "echo run-$(cat " + dir.resolve("n") + " 2>/dev/null || echo 1); exit 2")));
        RuntimeContainer first = awaitState(p, "main", State.TERMINATED);
        assertThat(log(rt, p, "main", false)).contains("run-1");
        assertThat(log(rt, p, "main", true)).isEmpty();

        writeString(dir.resolve("n"), "2");
        rt.startContainer(p, p.getSpec().getContainers().get(0));
        await().atMost(WAIT).until(() -> {
            RuntimeContainer c = container(rt, p, "main");
            return c.state() == State.TERMINATED && !c.id().equals(first.id());
        });
        RuntimeContainer second = container(rt, p, "main");
        assertThat(second.last()).isNotNull();
        assertThat(second.last().id()).isEqualTo(first.id());
        assertThat(second.last().exitCode()).isEqualTo(2);
        assertThat(log(rt, p, "main", false)).contains("run-2").doesNotContain("run-1");
        assertThat(log(rt, p, "main", true)).contains("run-1");
    }

    @Test
    void stopPodSendsTermAndThenKillWhenTheGracePeriodEnds() {
        Pod p = start(
                pod("stubborn", sh("main", "trap 'echo got TERM' TERM; echo started; while true; do sleep 0.1; done")));
        awaitState(p, "main", State.RUNNING);
        await().atMost(WAIT).until(() -> log(rt, p, "main", false).contains("started"));
        rt.stopPod(p.getMetadata().getUid(), Duration.ofSeconds(1));
        RuntimeContainer c = awaitState(p, "main", State.TERMINATED);
        assertThat(log(rt, p, "main", false)).contains("got TERM");
        assertThat(c.exitCode()).isEqualTo(137);
        assertThat(c.reason()).isEqualTo("Error");
        assertThat(rt.pod(p.getMetadata().getUid()).orElseThrow().stopping()).isTrue();
    }

    @Test
    void aProcessThatHonoursTermExitsBeforeTheGracePeriod() {
        Pod p = start(pod("polite", sh("main", "exec sleep 600")));
        awaitState(p, "main", State.RUNNING);
        rt.stopPod(p.getMetadata().getUid(), Duration.ofSeconds(600));
        RuntimeContainer c = awaitState(p, "main", State.TERMINATED);
        assertThat(c.exitCode()).isEqualTo(143);
    }

    @Test
    void stopContainerStopsThatContainerOnly() {
        Pod p = start(pod("two", sh("a", "exec sleep 600"), sh("b", "exec sleep 600")));
        awaitState(p, "a", State.RUNNING);
        awaitState(p, "b", State.RUNNING);
        rt.stopContainer(p.getMetadata().getUid(), "a", Duration.ofSeconds(5));
        awaitState(p, "a", State.TERMINATED);
        assertThat(state(rt, p, "b")).isEqualTo(State.RUNNING);
        assertThat(rt.pod(p.getMetadata().getUid()).orElseThrow().stopping()).isFalse();
    }

    @Test
    void aNewRuntimeOverTheSameDirectoryAdoptsARunningContainerAndStillSeesItExit() {
        Path stop = dir.resolve("stop");
        Pod p = start(pod("adopted", sh("main", "while [ ! -f " + stop + " ]; do sleep 0.1; done; exit 7")));
        RuntimeContainer before = awaitState(p, "main", State.RUNNING);
        rt.close();

        ProcessRuntime second = ProcessTestSupport.runtime(dir, node);
        ProcessTestSupport.Keys seen = new ProcessTestSupport.Keys();
        seen.attach(second);
        rt = second;
        RuntimeContainer adopted = second.adopt(p).orElseThrow().containers().get("main");
        assertThat(adopted.state()).isEqualTo(State.RUNNING);
        assertThat(adopted.id()).isEqualTo(before.id());
        assertThat(adopted.startedAt()).isEqualTo(before.startedAt());

        writeString(stop, "");
        RuntimeContainer c = awaitState(p, "main", State.TERMINATED);
        assertThat(c.exitCode()).isEqualTo(7);
        // The state is read from the exit file on demand; the listener hears of it from the watcher's next round.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(seen.seen).contains("default/adopted"));
    }

    @Test
    void startingAContainerThatAnEarlierRuntimeStillRunsTakesItOverInsteadOfStartingItTwice() {
        Pod p = start(pod("unreported", sh("main", "exec sleep 600")));
        RuntimeContainer before = awaitState(p, "main", State.RUNNING);
        rt.close();
        rt = ProcessTestSupport.runtime(dir, node);

        rt.startContainer(p, p.getSpec().getContainers().get(0));
        RuntimeContainer after = container(rt, p, "main");
        assertThat(after.state()).isEqualTo(State.RUNNING);
        assertThat(after.id()).isEqualTo(before.id());
    }

    @Test
    void adoptingAPodTheRuntimeNeverRanFindsNothing() {
        assertThat(rt.adopt(pod("stranger", sh("main", "true")))).isEmpty();
    }

    @Test
    void theEnvironmentHasLiteralValuesExpansionsAndTheDownwardApiAndTheWorkingDirectoryIsSet() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Container c = new ContainerBuilder(
                        sh(
                                "main",
                                "echo NODE=$MY_NODE; echo NAME=$MY_NAME; echo NS=$MY_NS; echo UID=$MY_UID; "
                                        + "echo IP=$MY_IP; echo HOST=$MY_HOST; echo SA=$MY_SA; echo GREETING=$GREETING; echo PWD=$(pwd)"))
                .withWorkingDir(work.toString())
                .withEnv(
                        new EnvVarBuilder().withName("WHO").withValue("world").build(),
                        new EnvVarBuilder()
                                .withName("GREETING")
                                .withValue("hello $(WHO)")
                                .build(),
                        field("MY_NODE", "spec.nodeName"),
                        field("MY_NAME", "metadata.name"),
                        field("MY_NS", "metadata.namespace"),
                        field("MY_UID", "metadata.uid"),
                        field("MY_IP", "status.podIP"),
                        field("MY_HOST", "status.hostIP"),
                        field("MY_SA", "spec.serviceAccountName"))
                .build();
        Pod p = start(pod("env", c));
        awaitState(p, "main", State.TERMINATED);
        assertThat(log(rt, p, "main", false))
                .contains(
                        "NODE=" + node,
                        "NAME=env",
                        "NS=default",
                        "UID=" + p.getMetadata().getUid(),
                        "IP=127.0.0.1",
                        "HOST=127.0.0.1",
                        "SA=default",
                        "GREETING=hello world",
                        "PWD=" + work.toRealPath());
    }

    private static io.fabric8.kubernetes.api.model.EnvVar field(String name, String path) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath(path)
                .endFieldRef()
                .endValueFrom()
                .build();
    }

    @Test
    void execRunsInTheContainersEnvironmentAndIsKilledAtItsTimeout() {
        Container c = new ContainerBuilder(sh("main", "exec sleep 600"))
                .withEnv(new EnvVarBuilder().withName("FOO").withValue("bar").build())
                .build();
        Pod p = start(pod("exec", c));
        awaitState(p, "main", State.RUNNING);
        ExecResult ok = rt.exec(
                p.getMetadata().getUid(), "main", List.of("sh", "-c", "echo foo=$FOO; exit 4"), Duration.ofSeconds(30));
        assertThat(ok.exitCode()).isEqualTo(4);
        assertThat(ok.output()).contains("foo=bar");
        assertThat(ok.timedOut()).isFalse();

        ExecResult slow = rt.exec(p.getMetadata().getUid(), "main", List.of("sleep", "600"), Duration.ofMillis(300));
        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.exitCode()).isNotZero();

        ExecResult missing = rt.exec(p.getMetadata().getUid(), "other", List.of("true"), Duration.ofSeconds(5));
        assertThat(missing.exitCode()).isNotZero();
    }

    static void writeString(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
