package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.PatchType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategyBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The grid at fleet scale, by hand only (minutes, not CI): {@code up --nodes N} with simulated
 * nodes, one DaemonSet, the grid opened in Debian's chromium, and two figures: the time to first
 * render (from opening the page signed in to all N cells drawn) and to a full update (from the
 * template change of a rollout replacing every pod at once, maxUnavailable 100 %, to the grid's
 * legend counting all N cells updated, beside when the DaemonSet's status said so). Runs only
 * when {@code -Deverynode.dashboard.scale=N} is given; docs/benchmarks.md has the command line
 * and the figures. Writes {@code dashboard-grid-N.png} into {@code -Deverynode.screenshots}.
 */
class DashboardScaleIT {
    private static final int NODES = Integer.getInteger("everynode.dashboard.scale", 0);
    /** Generous: at 5000 nodes on a loaded machine the cluster alone takes minutes to settle. */
    private static final Duration WAIT = Duration.ofMinutes(15);

    @TempDir
    static Path dir;

    static GuideCluster cluster;
    static ChromeDriver browser;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(NODES > 0, "by hand only: -Deverynode.dashboard.scale=5000 (docs/benchmarks.md)");
        DashboardBrowserIT.Browser.assumeAvailable();
        long t0 = System.nanoTime();
        cluster = GuideCluster.up(NODES, dir);
        DaemonSet agent = DashboardPage.fleetAgent();
        agent.getSpec()
                .setUpdateStrategy(new DaemonSetUpdateStrategyBuilder()
                        .withType("RollingUpdate")
                        .withNewRollingUpdate()
                        .withMaxUnavailable(new IntOrString("100%"))
                        .endRollingUpdate()
                        .build());
        cluster.client.create(agent);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> allUpdatedAndReady(1));
        report("cluster of %d nodes up, the DaemonSet's pods all Ready: %.1f s", NODES, seconds(t0));
        browser = DashboardBrowserIT.Browser.start();
        // tall enough for 5000 cells of the grid in one screenshot
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1500));
    }

    @AfterAll
    static void down() {
        if (browser != null) browser.quit();
        if (cluster != null) cluster.close();
    }

    @Test
    void theGridOfTheWholeFleetRendersAndFollowsAFullRollout() throws IOException {
        String url = "https://127.0.0.1:" + cluster.running.port() + "/dashboard/#default/fleet-agent";
        browser.get(url);
        await().atMost(Duration.ofMinutes(2))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.NoSuchElementException.class)
                .until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        long opened = System.nanoTime();
        browser.findElement(By.id("kubeconfig"))
                .sendKeys(cluster.running.kubeconfig().toAbsolutePath().toString());
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.NoSuchElementException.class)
                .until(() -> legendCount("updated") == NODES
                        && String.valueOf(NODES)
                                .equals(browser.findElement(By.id("grid")).getDomAttribute("data-cells")));
        double firstRender = seconds(opened);
        screenshot("dashboard-grid-" + NODES + "-before.png");

        long changed = System.nanoTime();
        cluster.client.patch(
                DaemonSet.class,
                "default",
                "fleet-agent",
                PatchType.STRATEGIC,
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"everynode.io/scale-run\":\"2\"}}}}}");
        long generation = cluster.client
                .get(DaemonSet.class, "default", "fleet-agent")
                .getMetadata()
                .getGeneration();
        double[] apiDone = {-1};
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (apiDone[0] < 0 && allUpdatedAndReady(generation)) apiDone[0] = seconds(changed);
            return apiDone[0] >= 0 && legendCount("updated") == NODES;
        });
        double gridDone = seconds(changed);
        screenshot("dashboard-grid-" + NODES + ".png");

        report(
                "%d nodes: first render %.1f s; full update: status all updated and ready after %.1f s, grid after %.1f s",
                NODES, firstRender, apiDone[0], gridDone);
        assertThat(browser.findElement(By.id("connection")).getDomAttribute("data-state"))
                .isEqualTo("live");
    }

    private static boolean allUpdatedAndReady(long generation) {
        var st = cluster.client.get(DaemonSet.class, "default", "fleet-agent").getStatus();
        return st != null
                && st.getObservedGeneration() != null
                && st.getObservedGeneration() >= generation
                && st.getDesiredNumberScheduled() == NODES
                && st.getUpdatedNumberScheduled() != null
                && st.getUpdatedNumberScheduled() == NODES
                && st.getNumberAvailable() != null
                && st.getNumberAvailable() == NODES;
    }

    private static int legendCount(String state) {
        return DashboardPage.legendCount(browser, state);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[dashboard-scale] " + line);
        try {
            Path out = Path.of("target", "dashboard-scale.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(
                    out,
                    line + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void screenshot(String name) throws IOException {
        DashboardPage.screenshot(browser, name);
    }
}
