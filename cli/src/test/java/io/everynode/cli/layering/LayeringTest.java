package io.everynode.cli.layering;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import io.everynode.apiserver.ApiServer;
import io.everynode.client.KubeClient;
import io.everynode.client.plantedviolation.ClientReachingIntoTheServer;
import org.junit.jupiter.api.Test;

/**
 * The build's layering check. It runs here because cli sees the main code of every module; test
 * code is left out (a module's tests may use modules above it in test scope, e.g. the agent's
 * tests start a control plane). Maven's own dependency graph already stops a module from
 * compiling against one it does not declare; this check stops a declaration that breaks the order.
 */
class LayeringTest {

    @Test
    void noModuleUsesAModuleAboveIt() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.everynode");
        // Guard against a vacuous pass: the modules' classes are on the class path and imported.
        assertThat(main.contain(KubeClient.class)).isTrue();
        assertThat(main.contain(ApiServer.class)).isTrue();
        assertThat(main.contain(io.everynode.agent.NodeAgent.class)).isTrue();
        assertThat(main.contain(io.everynode.dashboard.Dashboard.class)).isTrue();

        EvaluationResult result = ModuleLayers.rule().evaluate(main);

        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void aClientClassThatImportsTheApiServerFailsTheCheck() {
        JavaClasses planted = new ClassFileImporter().importClasses(ClientReachingIntoTheServer.class, ApiServer.class);

        EvaluationResult result = ModuleLayers.rule().evaluate(planted);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains(ClientReachingIntoTheServer.class.getName())
                .contains(ApiServer.class.getName());
    }
}
