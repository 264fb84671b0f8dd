package io.everynode.api.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each check against upstream's texts: a pod in YAML flow style, the level, what upstream prints. */
class PodSecurityStandardsTest {
    private static final LevelVersion BASELINE = new LevelVersion(Level.BASELINE, "latest");
    private static final LevelVersion RESTRICTED = new LevelVersion(Level.RESTRICTED, "latest");

    /** A restricted-compliant container, for cases about one field only. */
    private static final String GOOD_SC = "securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true,"
            + " seccompProfile: {type: RuntimeDefault}, capabilities: {drop: [ALL]}}";

    static Stream<Arguments> baselineViolations() {
        return Stream.of(
                Arguments.of(
                        "{spec: {hostNetwork: true, hostPID: true, hostIPC: true, containers: [{name: c}]}}",
                        "host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)"),
                Arguments.of(
                        "{spec: {containers: [{name: c, securityContext: {privileged: true}}]}}",
                        "privileged (container \"c\" must not set securityContext.privileged=true)"),
                Arguments.of(
                        "{spec: {initContainers: [{name: i, securityContext: {privileged: true}}],"
                                + " containers: [{name: c, securityContext: {privileged: true}}]}}",
                        "privileged (containers \"i\", \"c\" must not set securityContext.privileged=true)"),
                Arguments.of(
                        "{spec: {containers: [{name: c, securityContext: {capabilities: {add: [NET_RAW, SYS_ADMIN, CHOWN]}}}]}}",
                        "non-default capabilities (container \"c\" must not include \"NET_RAW\", \"SYS_ADMIN\" in"
                                + " securityContext.capabilities.add)"),
                Arguments.of(
                        "{spec: {volumes: [{name: root, hostPath: {path: /}}, {name: e, emptyDir: {}}],"
                                + " containers: [{name: c}]}}",
                        "hostPath volumes (volume \"root\")"),
                Arguments.of(
                        "{spec: {containers: [{name: a, ports: [{containerPort: 80, hostPort: 80}]},"
                                + " {name: b, ports: [{containerPort: 9090, hostPort: 9090}]}]}}",
                        "hostPort (containers \"a\", \"b\" use hostPorts 80, 9090)"),
                Arguments.of(
                        "{spec: {containers: [{name: c, livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}}]}}",
                        "probe or lifecycle host (container \"c\" uses probe or lifecycle host \"10.0.0.1\")"),
                Arguments.of(
                        "{spec: {securityContext: {appArmorProfile: {type: Unconfined}}, containers: [{name: c}]}}",
                        "forbidden AppArmor profile (pod must not set AppArmor profile type to \"Unconfined\")"),
                Arguments.of(
                        "{metadata: {annotations: {container.apparmor.security.beta.kubernetes.io/c: unconfined}},"
                                + " spec: {containers: [{name: c}]}}",
                        "forbidden AppArmor profile (annotation must not set AppArmor profile type to"
                                + " \"container.apparmor.security.beta.kubernetes.io/c=\\\"unconfined\\\"\")"),
                Arguments.of(
                        "{spec: {containers: [{name: c, securityContext: {seLinuxOptions: {type: spc_t, user: u}}}]}}",
                        "seLinuxOptions (container \"c\" set forbidden securityContext.seLinuxOptions: type \"spc_t\";"
                                + " user may not be set)"),
                Arguments.of(
                        "{spec: {containers: [{name: c, securityContext: {procMount: Unmasked}}]}}",
                        "procMount (container \"c\" must not set securityContext.procMount to \"Unmasked\")"),
                Arguments.of(
                        "{spec: {securityContext: {seccompProfile: {type: Unconfined}}, containers: [{name: c}]}}",
                        "seccompProfile (pod must not set securityContext.seccompProfile.type to \"Unconfined\")"),
                Arguments.of(
                        "{spec: {securityContext: {sysctls: [{name: kernel.shm_rmid_forced, value: '1'},"
                                + " {name: net.core.somaxconn, value: '1'}, {name: kernel.msgmax, value: '1'}]},"
                                + " containers: [{name: c}]}}",
                        "forbidden sysctls (net.core.somaxconn, kernel.msgmax)"),
                Arguments.of(
                        "{spec: {containers: [{name: c, securityContext: {windowsOptions: {hostProcess: true}}}]}}",
                        "hostProcess (container \"c\" must not set securityContext.windowsOptions.hostProcess=true)"));
    }

    @ParameterizedTest
    @MethodSource("baselineViolations")
    void eachBaselineCheckNamesWhatItForbidsInUpstreamsWords(String pod, String detail) {
        Evaluation e = evaluate(BASELINE, pod);

        assertThat(e.allowed()).isFalse();
        assertThat(e.forbiddenDetail()).isEqualTo(detail);
    }

    static Stream<Arguments> restrictedViolations() {
        return Stream.of(
                Arguments.of(
                        "{spec: {volumes: [{name: root, hostPath: {path: /}}, {name: s, secret: {secretName: x}},"
                                + " {name: n, nfs: {server: h, path: /}}], containers: [{name: c, " + GOOD_SC + "}]}}",
                        "restricted volume types (volumes \"root\", \"n\" use restricted volume types \"hostPath\","
                                + " \"nfs\")"),
                Arguments.of(
                        "{spec: {containers: [{name: c, securityContext: {runAsNonRoot: true,"
                                + " seccompProfile: {type: RuntimeDefault}, capabilities: {drop: [ALL]}}}]}}",
                        "allowPrivilegeEscalation != false (container \"c\" must set"
                                + " securityContext.allowPrivilegeEscalation=false)"),
                Arguments.of(
                        "{spec: {securityContext: {runAsNonRoot: false}, containers: [{name: c, " + GOOD_SC + "}]}}",
                        "runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)"),
                Arguments.of(
                        "{spec: {containers: [{name: c, securityContext: {allowPrivilegeEscalation: false,"
                                + " seccompProfile: {type: RuntimeDefault}, capabilities: {drop: [ALL]}}}]}}",
                        "runAsNonRoot != true (pod or container \"c\" must set securityContext.runAsNonRoot=true)"),
                Arguments.of(
                        "{spec: {securityContext: {runAsUser: 0}, containers: [{name: c, " + GOOD_SC + "}]}}",
                        "runAsUser=0 (pod must not set runAsUser=0)"),
                Arguments.of(
                        "{spec: {containers: [{name: c, securityContext: {allowPrivilegeEscalation: false,"
                                + " runAsNonRoot: true, capabilities: {drop: [ALL]}}}]}}",
                        "seccompProfile (pod or container \"c\" must set securityContext.seccompProfile.type to"
                                + " \"RuntimeDefault\" or \"Localhost\")"),
                Arguments.of(
                        "{spec: {containers: [{name: c, securityContext: {allowPrivilegeEscalation: false,"
                                + " runAsNonRoot: true, seccompProfile: {type: RuntimeDefault},"
                                + " capabilities: {add: [NET_BIND_SERVICE, NET_RAW]}}}]}}",
                        "unrestricted capabilities (container \"c\" must set securityContext.capabilities.drop=[\"ALL\"];"
                                + " container \"c\" must not include \"NET_RAW\" in securityContext.capabilities.add)"));
    }

    @ParameterizedTest
    @MethodSource("restrictedViolations")
    void eachRestrictedCheckNamesWhatItForbidsInUpstreamsWords(String pod, String detail) {
        Evaluation e = evaluate(RESTRICTED, pod);

        assertThat(e.allowed()).isFalse();
        assertThat(e.forbiddenDetail()).isEqualTo(detail);
    }

    @Test
    void aBareContainerViolatesRestrictedInUpstreamsOrder() {
        Evaluation e = evaluate(RESTRICTED, "{spec: {containers: [{name: nginx}]}}");

        assertThat(e.forbiddenDetail())
                .isEqualTo("allowPrivilegeEscalation != false (container \"nginx\" must set"
                        + " securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container"
                        + " \"nginx\" must set securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod"
                        + " or container \"nginx\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or"
                        + " container \"nginx\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or"
                        + " \"Localhost\")");
        assertThat(e.forbiddenReason())
                .isEqualTo("allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true,"
                        + " seccompProfile");
    }

    @Test
    void aPrivilegedRootHostPathPodViolatesBaselineWithBothReasonsInIdOrder() {
        Evaluation e = evaluate(
                BASELINE,
                "{spec: {volumes: [{name: root, hostPath: {path: /}}],"
                        + " containers: [{name: c, securityContext: {privileged: true}}]}}");

        assertThat(e.forbiddenDetail())
                .isEqualTo("hostPath volumes (volume \"root\"), privileged (container \"c\" must not set"
                        + " securityContext.privileged=true)");
    }

    @Test
    void restrictedReplacesTheBaselineChecksOnTheSameFields() {
        Evaluation e = evaluate(
                RESTRICTED,
                "{spec: {volumes: [{name: root, hostPath: {path: /}}], containers: [{name: c, securityContext:"
                        + " {allowPrivilegeEscalation: false, runAsNonRoot: true, procMount: Unmasked,"
                        + " seccompProfile: {type: Unconfined}, capabilities: {drop: [ALL], add: [SYS_ADMIN]}}}]}}");

        assertThat(e.violations())
                .extracting(Violation::reason)
                .containsExactly("unrestricted capabilities", "procMount", "restricted volume types", "seccompProfile");
        assertThat(PodSecurityStandards.checkIds(Level.RESTRICTED))
                .doesNotContain("hostPathVolumes", "capabilities_baseline", "seccompProfile_baseline", "procMount");
    }

    static Stream<String> baselineCompliant() {
        return Stream.of(
                "{spec: {containers: [{name: c}]}}",
                "{spec: {containers: [{name: c, securityContext: {capabilities: {add: [NET_BIND_SERVICE, CHOWN]},"
                        + " seccompProfile: {type: Localhost, localhostProfile: p}, procMount: Default,"
                        + " seLinuxOptions: {type: container_t}, appArmorProfile: {type: RuntimeDefault}}}],"
                        + " securityContext: {sysctls: [{name: net.ipv4.tcp_keepalive_time, value: '60'}]}}}",
                "{metadata: {annotations: {container.apparmor.security.beta.kubernetes.io/c: localhost/p}},"
                        + " spec: {containers: [{name: c, ports: [{containerPort: 80, hostPort: 0}]}]}}",
                "{spec: {hostUsers: false, containers: [{name: c, securityContext: {procMount: Unmasked}}]}}");
    }

    @ParameterizedTest
    @MethodSource("baselineCompliant")
    void podsWithinTheDefaultsPassBaseline(String pod) {
        assertThat(evaluate(BASELINE, pod).violations()).isEmpty();
    }

    static Stream<String> restrictedCompliant() {
        return Stream.of(
                "{spec: {securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}},"
                        + " volumes: [{name: v, configMap: {name: x}}, {name: p, projected: {sources: []}}],"
                        + " containers: [{name: c, securityContext: {allowPrivilegeEscalation: false,"
                        + " capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}, runAsUser: 1000}}]}}",
                "{spec: {os: {name: windows}, securityContext: {runAsNonRoot: true}, containers: [{name: c}]}}",
                "{spec: {hostUsers: false, containers: [{name: c, " + GOOD_SC.replace("runAsNonRoot: true,", "")
                        + "}], securityContext: {runAsUser: 0}}}");
    }

    @ParameterizedTest
    @MethodSource("restrictedCompliant")
    void hardenedPodsPassRestricted(String pod) {
        assertThat(evaluate(RESTRICTED, pod).violations()).isEmpty();
    }

    @Test
    void privilegedAllowsEverything() {
        Evaluation e = evaluate(
                new LevelVersion(Level.PRIVILEGED, "latest"),
                "{spec: {hostPID: true, containers: [{name: c, securityContext: {privileged: true}}]}}");

        assertThat(e.allowed()).isTrue();
    }

    @Test
    void aPinnedVersionIsEvaluatedWithTheLatestChecks() {
        String pod = "{spec: {containers: [{name: c, livenessProbe: {tcpSocket: {host: h, port: 1}}}]}}";

        assertThat(evaluate(new LevelVersion(Level.BASELINE, "v1.20"), pod).forbiddenDetail())
                .isEqualTo(evaluate(BASELINE, pod).forbiddenDetail())
                .startsWith("probe or lifecycle host");
    }

    private static Evaluation evaluate(LevelVersion level, String yaml) {
        Pod pod = Json.convert(Json.parseYaml(yaml.getBytes(StandardCharsets.UTF_8)), Pod.class);
        return PodSecurityStandards.evaluate(level, pod.getMetadata(), pod.getSpec());
    }
}
