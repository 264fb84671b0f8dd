package io.everynode.e2e;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the dashboard's browser tests share: their DaemonSet, and reading and keeping the page. */
final class DashboardPage {
    private DashboardPage() {}

    /** {@code default/fleet-agent}: the demo agent on every node, the default strategy. */
    static DaemonSet fleetAgent() {
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName("fleet-agent")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "fleet-agent")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "fleet-agent")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("agent")
                .withImage("everynode/demo-agent:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The legend's count for {@code state}, read in one script: the legend is redrawn with every batch. */
    static int legendCount(ChromeDriver browser, String state) {
        Object count = ((JavascriptExecutor) browser)
                .executeScript(
                        "const li = document.querySelector(`#legend li[data-state='${arguments[0]}']`);"
                                + " return li ? Number(li.dataset.count) : -1;",
                        state);
        return ((Number) count).intValue();
    }

    /**
     * Saves the page as {@code name} under {@code -Deverynode.screenshots} (relative to
     * {@code -Deverynode.root}); nothing without it.
     */
    static void screenshot(ChromeDriver browser, String name) throws IOException {
        String to = System.getProperty("everynode.screenshots", "");
        if (to.isEmpty()) return;
        Path target = Path.of(to).isAbsolute()
                ? Path.of(to)
                : Path.of(System.getProperty("everynode.root", ".")).resolve(to);
        Files.createDirectories(target);
        Files.write(target.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
