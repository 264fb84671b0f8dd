package io.everynode.apiserver.auth.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The default policy against its golden file, so a change of any default role or binding shows
 * in review. Run with {@code -Deverynode.golden.update=true} to rewrite the file after an
 * intended change.
 */
class BootstrapPolicyTest {
    private static final Path GOLDEN = Path.of("src/test/resources/rbac/bootstrap-policy.txt");

    @Test
    void theDefaultPolicyIsTheOneInTheGoldenFile() throws IOException {
        String rendered = render();
        if (Boolean.getBoolean("everynode.golden.update")) Files.writeString(GOLDEN, rendered, StandardCharsets.UTF_8);
        assertThat(rendered).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void everyBindingNamesADefaultRoleAndEveryControllerRoleIsBoundToItsAccount() {
        var names =
                BootstrapPolicy.roles().stream().map(BootstrapPolicy.Role::name).toList();
        assertThat(names).doesNotHaveDuplicates();
        for (BootstrapPolicy.Binding b : BootstrapPolicy.bindings())
            assertThat(names).contains(b.role());
        for (String c : BootstrapPolicy.CONTROLLER_ROLES.keySet()) {
            assertThat(BootstrapPolicy.bindings())
                    .contains(new BootstrapPolicy.Binding(
                            "system:controller:" + c,
                            "system:controller:" + c,
                            java.util.List.of("ServiceAccount:kube-system:" + c)));
        }
    }

    private static String render() {
        StringBuilder b = new StringBuilder();
        for (BootstrapPolicy.Role r : BootstrapPolicy.roles()) {
            b.append("ClusterRole ").append(r.name()).append('\n');
            Map<String, String> labels = new TreeMap<>(r.labels());
            labels.forEach((k, v) ->
                    b.append("  label ").append(k).append('=').append(v).append('\n'));
            if (!r.aggregates().isEmpty())
                b.append("  aggregates ")
                        .append(BootstrapPolicy.AGGREGATE_TO)
                        .append(r.aggregates())
                        .append('\n');
            for (PolicyRule rule : r.rules()) b.append("  ").append(rule).append('\n');
        }
        for (BootstrapPolicy.Binding x : BootstrapPolicy.bindings()) {
            b.append("ClusterRoleBinding ")
                    .append(x.name())
                    .append(" -> ")
                    .append(x.role())
                    .append(": ")
                    .append(String.join(", ", x.subjects()))
                    .append('\n');
        }
        return b.toString();
    }
}
