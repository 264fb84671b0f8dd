package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.PatchType;
import io.everynode.pki.CertificateAuthority;
import io.everynode.pki.KubeconfigFile;
import io.everynode.testkit.net.LoopbackProxy;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (Debian's chromium, headless, through its chromedriver) on
 * {@code up --nodes 50}: one cluster and one browser for the class. The grid shows a cell per
 * node, a tainted node's cell answers with its taint, and a read-only identity sees no action
 * and is refused by the API when it tries one anyway. The rollout view: a rollout turns cells from
 * the old revision to the updated one and advances the chart, pause stops it, resume finishes it,
 * undo goes back, and a read-only identity has none of these buttons.
 *
 * <p>Screenshots for the README: {@code -Deverynode.screenshots=docs/images} (relative to the
 * repository root) writes {@code dashboard-grid.png}, {@code dashboard-why.png} and
 * {@code dashboard-rollout.png} (the grid and chart of a paused rollout).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    private static final int NODES = 50;
    private static final String TAINTED = "node-7";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    static GuideCluster cluster;
    static ChromeDriver browser;
    static String url;
    static String adminToken;
    static String viewerToken;

    @BeforeAll
    static void upAndBrowser() throws Exception {
        Browser.assumeAvailable();
        cluster = GuideCluster.up(NODES, dir);
        var client = cluster.client;
        for (int i = 1; i <= NODES; i++) {
            client.patch(
                    Node.class,
                    null,
                    "node-" + i,
                    PatchType.MERGE,
                    "{\"metadata\":{\"labels\":{\"topology.kubernetes.io/zone\":\"zone-" + (char) ('a' + i % 3)
                            + "\"}}}");
        }
        client.patch(
                Node.class,
                null,
                TAINTED,
                PatchType.MERGE,
                "{\"spec\":{\"taints\":[{\"key\":\"maintenance\",\"value\":\"disk\",\"effect\":\"NoSchedule\"}]}}");
        client.create(DashboardPage.fleetAgent());
        adminToken = tokenFor("dashboard-admin", "cluster-admin", null);
        viewerToken = tokenFor(
                "dashboard-viewer",
                "fleet-viewer",
                new ClusterRoleBuilder()
                        .withNewMetadata()
                        .withName("fleet-viewer")
                        .endMetadata()
                        .withRules(
                                new PolicyRuleBuilder()
                                        .withApiGroups("")
                                        .withResources("nodes", "pods", "pods/log", "events")
                                        .withVerbs("get", "list", "watch")
                                        .build(),
                                new PolicyRuleBuilder()
                                        .withApiGroups("apps")
                                        .withResources("daemonsets")
                                        .withVerbs("get", "list", "watch")
                                        .build())
                        .build());
        url = "https://127.0.0.1:" + cluster.running.port() + "/dashboard/#default/fleet-agent";
        browser = Browser.start();
    }

    @AfterAll
    static void down() {
        if (browser != null) browser.quit();
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void theGridShowsOneCellPerNodeOfTheCluster() throws IOException {
        signIn(adminToken);

        eventually().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("grid")).getDomAttribute("data-cells"))
                    .isEqualTo(String.valueOf(NODES));
            assertThat(legendCount("updated")).isEqualTo(NODES - 1);
            assertThat(legendCount("not-meant")).isEqualTo(1);
        });
        assertThat(browser.findElement(By.id("connection")).getDomAttribute("data-state"))
                .isEqualTo("live");
        // an identity that may patch the DaemonSet is offered the action
        eventually().until(() -> browser.findElement(By.id("restart")).isDisplayed());
        new Select(browser.findElement(By.id("group-by"))).selectByValue("topology.kubernetes.io/zone");
        eventually()
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.id("grid")).getDomAttribute("data-cells"))
                                .isEqualTo(String.valueOf(NODES)));
        screenshot("dashboard-grid.png");
    }

    @Test
    @Order(2)
    void aCellFollowsItsNodeLiveWithoutAReload() {
        cluster.client.patch(
                Node.class,
                null,
                "node-9",
                PatchType.MERGE,
                "{\"spec\":{\"taints\":[{\"key\":\"drain\",\"effect\":\"NoExecute\"}]}}");

        eventually().untilAsserted(() -> {
            assertThat(legendCount("not-meant")).isEqualTo(2);
            assertThat(legendCount("updated")).isEqualTo(NODES - 2);
        });
        assertThat(browser.findElement(By.id("connection")).getDomAttribute("data-state"))
                .isEqualTo("live");
    }

    @Test
    @Order(3)
    void theDashboardsOwnEndpointsAndTheApiRefuseACallerWithoutCredentials() {
        Object status = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " fetch('api/fleet?namespace=default&name=fleet-agent').then((r) => done(r.status),"
                        + " (e) => done(String(e)));");

        assertThat(status).isEqualTo(401L);
        // and the API beside it still asks for credentials
        Object api = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " fetch('/api/v1/nodes').then((r) => done(r.status), (e) => done(String(e)));");
        assertThat(api).isEqualTo(401L);
    }

    @Test
    @Order(4)
    void aTaintedNodesCellAnswersWithTheTaintAsItsReason() throws IOException {
        click(TAINTED);

        eventually().untilAsserted(() -> {
            WebElement why = browser.findElement(By.id("why"));
            assertThat(why.getDomAttribute("data-reason")).isEqualTo("UntoleratedTaint");
            assertThat(why.getText()).contains("maintenance=disk:NoSchedule");
        });
        assertThat(browser.findElement(By.id("panel-node")).getText()).isEqualTo(TAINTED);
        screenshot("dashboard-why.png");
    }

    @Test
    @Order(5)
    void aReadOnlyIdentitySignedInWithItsKubeconfigSeesNoActionsAndTheApiRefusesItsTry() throws IOException {
        browser.findElement(By.id("sign-out")).click();
        signInWithKubeconfig(viewerToken);
        eventually()
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.id("grid")).getDomAttribute("data-cells"))
                                .isEqualTo(String.valueOf(NODES)));
        click("node-1");
        eventually()
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.id("why")).getDomAttribute("data-reason"))
                                .isEqualTo("Running"));
        // the API has answered both access reviews
        eventually()
                .until(() -> "true".equals(browser.findElement(By.id("actions")).getDomAttribute("data-checked"))
                        && "true"
                                .equals(browser.findElement(By.id("pod-actions"))
                                        .getDomAttribute("data-checked")));
        assertThat(browser.findElement(By.id("restart")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("delete-pod")).isDisplayed()).isFalse();

        Object status = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " window.everynode.restartDaemonSet().then(done, (e) => done(String(e)));");

        assertThat(status).isEqualTo(403L);
        assertThat(browser.findElement(By.id("fleet-error")).getText()).contains("forbidden");
    }

    @Test
    @Order(6)
    void aDroppedConnectionShowsReconnectingUntilTheGridIsLiveAgainByItself() throws IOException {
        // a browser of its own: whatever the cut leaves in its connection pool stays out of the
        // other tests' browser
        ChromeDriver own = Browser.start();
        try (LoopbackProxy link = new LoopbackProxy(cluster.running.port())) {
            // the page through a link the test can cut: its own origin, so a sign-in of its own
            own.get("https://127.0.0.1:" + link.url().getPort() + "/dashboard/#default/fleet-agent");
            eventually().until(() -> own.findElement(By.id("sign-in")).isDisplayed());
            own.findElement(By.id("token")).sendKeys(adminToken);
            own.findElement(By.id("sign-in-token")).click();
            eventually()
                    .untilAsserted(() -> assertThat(connectionState(own))
                            .as(() -> pageState(own, link))
                            .isEqualTo("live"));

            link.cutOff();

            eventually()
                    .untilAsserted(() -> assertThat(connectionState(own))
                            .as(() -> pageState(own, link))
                            .isEqualTo("reconnecting"));
            // every retry fails while the link is down, and the badge says so the whole time
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> "reconnecting".equals(connectionState(own)));
            assertThat(own.findElement(By.id("connection")).getText()).isEqualTo("reconnecting…");

            link.restore();

            eventually().untilAsserted(() -> {
                assertThat(connectionState(own)).as(() -> pageState(own, link)).isEqualTo("live");
                assertThat(own.findElement(By.id("grid")).getDomAttribute("data-cells"))
                        .isEqualTo(String.valueOf(NODES));
            });
        } finally {
            own.quit();
        }
    }

    /** The connection badge's state: connecting, live or reconnecting. */
    private static String connectionState(WebDriver page) {
        return page.findElement(By.id("connection")).getDomAttribute("data-state");
    }

    /** What a failed wait on the badge reports: what the page shows and says, and the link's count. */
    private static String pageState(WebDriver page, LoopbackProxy link) {
        try {
            return "badge " + connectionState(page) + " ("
                    + page.findElement(By.id("connection")).getDomAttribute("title")
                    + "), sign-in error '"
                    + page.findElement(By.id("sign-in-error")).getText()
                    + "', fleet error '"
                    + page.findElement(By.id("fleet-error")).getText()
                    + "', fleet shown " + page.findElement(By.id("fleet")).isDisplayed()
                    + ", connections through the link " + link.accepted();
        } catch (RuntimeException e) {
            return "the page could not be read: " + e;
        }
    }

    // ---- the rollout view: chart, pause / resume / undo (docs/dashboard.md "Rollout view") ----

    /** Nodes that run the DaemonSet by now: node-7 and node-9 are tainted (tests 1 and 2). */
    private static final int RUNNING = NODES - 2;

    @Test
    @Order(10)
    void aRolloutTurnsCellsFromOldRevisionToUpdatedAndAdvancesTheChart() {
        signInAgain(adminToken);
        eventually().untilAsserted(() -> {
            assertThat(legendCount("updated")).isEqualTo(RUNNING);
            assertThat(rolloutPage().get("revision")).isNotEqualTo("");
        });
        String before = (String) rolloutPage().get("revision");
        cluster.client.patch(
                io.fabric8.kubernetes.api.model.apps.DaemonSet.class,
                "default",
                "fleet-agent",
                PatchType.MERGE,
                "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"maxUnavailable\":8}}}}");
        cluster.kubectl("set", "image", "ds/fleet-agent", "agent=everynode/demo-agent:2");

        // every poll reads all cells and the chart at once; each node's states, in the order seen
        Map<String, List<String>> seen = new java.util.TreeMap<>();
        List<Integer> chartUpdated = new java.util.ArrayList<>();
        eventually().pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<String, Object> page = rolloutPage();
            @SuppressWarnings("unchecked")
            Map<String, String> states = (Map<String, String>) page.get("states");
            states.forEach((node, state) -> {
                List<String> h = seen.computeIfAbsent(node, n -> new java.util.ArrayList<>());
                if (h.isEmpty() || !h.get(h.size() - 1).equals(state)) h.add(state);
            });
            boolean newRollout = !before.equals(page.get("revision"));
            String last = (String) page.get("lastUpdated");
            if (newRollout && !last.isEmpty()) chartUpdated.add(Integer.parseInt(last));
            assertThat(newRollout)
                    .as("the chart shows the new revision's rollout")
                    .isTrue();
            assertThat(states.values().stream().filter("updated"::equals).count())
                    .isEqualTo(RUNNING);
            assertThat(last).isEqualTo(String.valueOf(RUNNING));
        });

        // a node seen at the old revision turned updated later, and never went back
        int sawOld = 0;
        for (var e : seen.entrySet()) {
            List<String> h = e.getValue();
            int firstOld = h.indexOf("old");
            if (firstOld < 0) continue;
            sawOld++;
            List<String> after = h.subList(firstOld, h.size());
            assertThat(after).as(e.getKey()).endsWith("updated");
            assertThat(after.subList(after.indexOf("updated"), after.size()))
                    .as(e.getKey())
                    .containsOnly("updated");
        }
        assertThat(sawOld).as("nodes seen at the old revision").isGreaterThan(RUNNING / 2);
        // the chart advanced through the rollout: its updated line rose, and never fell
        assertThat(chartUpdated).as("the chart's updated count, poll by poll").isSorted();
        assertThat(chartUpdated).anyMatch(n -> n > 0 && n < RUNNING);
        assertThat(Integer.parseInt(browser.findElement(By.id("rollout-chart")).getDomAttribute("data-points")))
                .isGreaterThan(2);
        assertThat(browser.findElement(By.id("rollout-chart")).getDomAttribute("data-budget"))
                .isEqualTo("8");
    }

    @Test
    @Order(11)
    void thePauseButtonStopsTheRolloutAndResumeFinishesIt() throws IOException {
        eventually().until(() -> browser.findElement(By.id("pause")).isDisplayed());
        cluster.kubectl("set", "image", "ds/fleet-agent", "agent=everynode/demo-agent:3");
        eventually()
                .pollInterval(Duration.ofMillis(100))
                .until(() -> legendCount("old") > 0 && legendCount("updated") >= 8);

        browser.findElement(By.id("pause")).click();

        eventually().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("rollout")).getDomAttribute("data-paused"))
                    .isEqualTo("true");
            assertThat(browser.findElement(By.id("resume")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("pause")).isDisplayed()).isFalse();
        });
        // the pods the rollout had replaced before the pause come back (of the new revision) ...
        eventually().until(() -> legendCount("not-ready") == 0 && legendCount("missing") == 0);
        int updated = legendCount("updated");
        int old = legendCount("old");
        assertThat(old).as("nodes the paused rollout has not reached").isPositive();
        // ... and then no further node is replaced while paused
        await().during(Duration.ofSeconds(3))
                .atMost(WAIT)
                .until(() -> legendCount("updated") == updated && legendCount("old") == old);
        screenshot("dashboard-rollout.png");

        browser.findElement(By.id("resume")).click();

        eventually().untilAsserted(() -> {
            assertThat(legendCount("updated")).isEqualTo(RUNNING);
            assertThat(legendCount("old")).isZero();
        });
        assertThat(browser.findElement(By.id("rollout")).getDomAttribute("data-paused"))
                .isEqualTo("false");
    }

    @Test
    @Order(12)
    void undoGoesBackToThePreviousTemplateAsKubectlRolloutUndoDoes() {
        eventually().until(() -> browser.findElement(By.id("undo")).isDisplayed());

        browser.findElement(By.id("undo")).click();

        eventually().untilAsserted(() -> assertThat(rolloutMessage()).startsWith("rolled back to revision"));
        assertThat(cluster.kubectl("get", "ds/fleet-agent", "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
                .isEqualTo("everynode/demo-agent:2");

        // --to-revision: a revision the history lacks is kubectl's error; revision 1 is the first template
        undoTo("9");
        eventually()
                .untilAsserted(
                        () -> assertThat(rolloutMessage()).isEqualTo("unable to find specified revision 9 in history"));
        undoTo("-1");
        eventually()
                .untilAsserted(() -> assertThat(rolloutMessage()).startsWith("toRevision must be a revision number"));
        undoTo("1");
        eventually().untilAsserted(() -> assertThat(rolloutMessage()).isEqualTo("rolled back to revision 1"));
        assertThat(cluster.kubectl("get", "ds/fleet-agent", "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
                .isEqualTo("everynode/demo-agent:1");
        browser.findElement(By.id("undo-to")).clear();
    }

    private static String rolloutMessage() {
        return browser.findElement(By.id("rollout-message")).getText();
    }

    private static void undoTo(String revision) {
        WebElement to = browser.findElement(By.id("undo-to"));
        to.clear();
        to.sendKeys(revision);
        browser.findElement(By.id("undo")).click();
    }

    @Test
    @Order(13)
    void aReadOnlyIdentitySeesNoRolloutButtonsAndTheApiRefusesItsTries() {
        signInAgain(viewerToken);
        eventually()
                .until(() -> "true"
                        .equals(browser.findElement(By.id("rollout-actions")).getDomAttribute("data-checked")));
        assertThat(browser.findElement(By.id("pause")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("resume")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("undo")).isDisplayed()).isFalse();

        for (String action : List.of("pause", "resume", "undo")) {
            Object status = ((JavascriptExecutor) browser)
                    .executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                    + " window.EverynodeRollout[arguments[0]]().then(done, (e) => done(String(e)));",
                            action);
            assertThat(status).as(action).isEqualTo(403L);
            assertThat(browser.findElement(By.id("rollout-message")).getText())
                    .as(action)
                    .contains("forbidden");
        }
    }

    @Test
    @Order(14)
    void anAuthorizationThatIsNotABearerTokenIsRefusedBeforeAnyCall() {
        Object status = ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " fetch('api/rollout-undo?namespace=default&name=fleet-agent', {method: 'POST',"
                                + " headers: {Authorization: 'Basic ZGFzaGJvYXJkOnNlY3JldA=='}})"
                                + ".then((r) => r.json().then((s) => done(r.status + ' ' + s.message)), (e) => done(String(e)));");

        assertThat(status).isEqualTo("401 the dashboard signs in with a bearer token (Authorization: Bearer ...)");
    }

    /** Signs out whoever is signed in (the token is the tab's), then in with {@code token}. */
    private static void signInAgain(String token) {
        if (browser.findElement(By.id("sign-out")).isDisplayed())
            browser.findElement(By.id("sign-out")).click();
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        signIn(token);
    }

    /** The cells' states and the chart's last point, read in one script. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> rolloutPage() {
        return (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeScript("const c = document.getElementById('rollout-chart');"
                        + " return {states: window.everynode.cellStates(), lastUpdated: c.dataset.lastUpdated || '',"
                        + " revision: c.dataset.revision || ''};");
    }

    // ---- signing in with a certificate, the cluster view (after the rollout: it taints node-12) ----

    @Test
    @Order(20)
    void upsAdminKubeconfigSignsInWithItsClientCertificateAsItsUser() {
        browser.findElement(By.id("sign-out")).click();
        browser.get(url);
        eventually().until(() -> browser.findElement(By.id("sign-in")).isDisplayed());

        browser.findElement(By.id("kubeconfig"))
                .sendKeys(cluster.running.kubeconfig().toAbsolutePath().toString());

        eventually().until(() -> browser.findElement(By.id("fleet")).isDisplayed());
        assertThat(browser.findElement(By.id("whoami")).getText())
                .startsWith("signed in as ")
                .doesNotContain("anonymous");
        eventually()
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.id("grid")).getDomAttribute("data-cells"))
                                .isEqualTo(String.valueOf(NODES)));
        // the session is the certificate's user for the API too: an administrator may restart
        eventually().until(() -> browser.findElement(By.id("restart")).isDisplayed());
    }

    @Test
    @Order(21)
    void aClientCertificateOfAnotherCaIsRefusedWithTheReason() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        CertificateAuthority other = CertificateAuthority.create("another-ca", now);
        Path kubeconfig = KubeconfigFile.writeWithCertificate(
                dir.resolve("intruder.kubeconfig"),
                "https://127.0.0.1:" + cluster.running.port(),
                other.certificate(),
                other.newClient("intruder", List.of("system:masters"), now, Duration.ofHours(1)));

        Object answer = ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " fetch('api/kubeconfig-token', {method: 'POST', body: arguments[0]})"
                                + ".then(async (r) => done(r.status + ' ' + (await r.json()).message), (e) => done(String(e)));",
                        Files.readString(kubeconfig));

        assertThat(String.valueOf(answer)).startsWith("422 ").contains("not signed by this cluster's CA");
    }

    @Test
    @Order(22)
    void theClusterViewListsTheNodesAndShowsATaintAddedLive() throws IOException {
        browser.findElement(By.id("view-cluster")).click();
        eventually().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("nodes")).getDomAttribute("data-rows"))
                    .isEqualTo(String.valueOf(NODES));
            assertThat(nodeRow(TAINTED, "data-taints")).isEqualTo("maintenance=disk:NoSchedule");
            assertThat(nodeRow("node-1", "data-ready")).isEqualTo("True");
        });
        assertThat(browser.findElement(By.id("cluster-status")).getDomAttribute("data-state"))
                .isEqualTo("live");

        cluster.client.patch(
                Node.class,
                null,
                "node-12",
                PatchType.MERGE,
                "{\"spec\":{\"taints\":[{\"key\":\"gpu\",\"value\":\"broken\",\"effect\":\"NoSchedule\"}]}}");

        eventually()
                .untilAsserted(
                        () -> assertThat(nodeRow("node-12", "data-taints")).isEqualTo("gpu=broken:NoSchedule"));
        screenshot("dashboard-cluster.png");
    }

    @Test
    @Order(23)
    void theEventsStreamShowsOnlyTheEventsOfTheObjectAsked() {
        Node twelve = cluster.client.get(Node.class, null, "node-12");
        Node thirteen = cluster.client.get(Node.class, null, "node-13");
        cluster.client.createEvent(twelve, "Warning", "GpuBroken", "the GPU of node-12 fell off", "dashboard-test");
        cluster.client.createEvent(thirteen, "Normal", "Quiet", "node-13 is fine", "dashboard-test");

        browser.findElement(By.id("event-kind")).sendKeys("Node");
        browser.findElement(By.id("event-name")).sendKeys("node-12");
        browser.findElement(By.id("event-apply")).click();

        eventually().untilAsserted(() -> {
            List<WebElement> shown = browser.findElements(By.cssSelector("#event-list li[data-name]"));
            assertThat(shown).extracting(e -> e.getDomAttribute("data-reason")).contains("GpuBroken");
            assertThat(shown).extracting(e -> e.getDomAttribute("data-name")).containsOnly("node-12");
        });
        // and live: a new event of the object arrives without asking again
        cluster.client.createEvent(twelve, "Normal", "GpuBack", "the GPU is back", "dashboard-test");
        eventually()
                .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#event-list li[data-name]")))
                        .extracting(e -> e.getDomAttribute("data-reason"))
                        .contains("GpuBroken", "GpuBack")
                        .doesNotContain("Quiet"));
    }

    @Test
    @Order(24)
    void aCallerWhoMayNotListNodesIsToldSoInTheClusterView() {
        String nobody = tokenFor(
                "dashboard-nobody",
                "fleet-nothing",
                new ClusterRoleBuilder()
                        .withNewMetadata()
                        .withName("fleet-nothing")
                        .endMetadata()
                        .build());
        browser.findElement(By.id("sign-out")).click();
        signIn(nobody);

        browser.findElement(By.id("view-cluster")).click();

        eventually().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("cluster-error")).getText())
                    .startsWith("Not allowed: ")
                    .contains("cannot list resource \"nodes\"");
            assertThat(browser.findElement(By.id("cluster-status")).getText()).isEqualTo("not allowed");
        });
    }

    // ---- the Advanced DaemonSet (apps.kruise.io/v1alpha1): the same grid, why panel and buttons ----

    @Test
    @Order(30)
    void anAdvancedDaemonSetIsPickedFromTheListItsPartitionShowsInTheGridAndPauseAndUndoAct() {
        int untainted = NODES - 3; // node-7, node-9 and node-12 are tainted by now (tests 1, 2 and 22)
        int held = 40;
        cluster.apply("""
                apiVersion: apps.kruise.io/v1alpha1
                kind: DaemonSet
                metadata: {name: fleet-ads, namespace: default}
                spec:
                  selector: {matchLabels: {app: fleet-ads}}
                  template:
                    metadata: {labels: {app: fleet-ads}}
                    spec:
                      containers:
                      - {name: agent, image: everynode/demo-agent:1}
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {maxUnavailable: 10, partition: %d}
                """.formatted(held));
        signInAgain(adminToken);

        // the picker lists it once the page has read both kinds
        eventually().ignoreExceptions().until(() -> {
            new Select(browser.findElement(By.id("daemonset"))).selectByValue("ads/default/fleet-ads");
            return true;
        });
        eventually().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("grid")).getDomAttribute("data-cells"))
                    .isEqualTo(String.valueOf(NODES));
            assertThat(legendCount("updated")).isEqualTo(untainted);
            assertThat(legendCount("not-meant")).isEqualTo(3);
        });
        assertThat(browser.getCurrentUrl()).endsWith("#ads/default/fleet-ads");

        // a new template: the partition keeps 40 nodes at the old revision
        cluster.kubectl(
                "patch",
                "daemonsets.apps.kruise.io",
                "fleet-ads",
                "--type",
                "merge",
                "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"agent\","
                        + "\"image\":\"everynode/demo-agent:2\"}]}}}}");
        eventually().untilAsserted(() -> {
            assertThat(legendCount("updated")).isEqualTo(untainted - held);
            assertThat(legendCount("old")).isEqualTo(held);
            assertThat(legendCount("not-meant")).isEqualTo(3);
        });
        // the why panel answers for this kind: an old node is held by the partition
        @SuppressWarnings("unchecked")
        Map<String, String> states = (Map<String, String>)
                ((JavascriptExecutor) browser).executeScript("return window.everynode.cellStates();");
        String old = states.entrySet().stream()
                .filter(e -> e.getValue().equals("old"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        click(old);
        eventually()
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.id("why")).getDomAttribute("data-reason"))
                                .isEqualTo("Partition"));
        browser.findElement(By.id("panel-close")).click();

        eventually().until(() -> browser.findElement(By.id("pause")).isDisplayed());
        browser.findElement(By.id("pause")).click();

        eventually().untilAsserted(() -> {
            assertThat(cluster.kubectl(
                            "get",
                            "daemonsets.apps.kruise.io",
                            "fleet-ads",
                            "-o",
                            "jsonpath={.spec.updateStrategy.rollingUpdate.paused}"))
                    .isEqualTo("true");
            assertThat(browser.findElement(By.id("rollout")).getDomAttribute("data-paused"))
                    .isEqualTo("true");
            assertThat(browser.findElement(By.id("resume")).isDisplayed()).isTrue();
        });

        // undo on this kind: its controller's revisions, the old template put back (a JSON patch)
        browser.findElement(By.id("undo")).click();

        eventually().untilAsserted(() -> assertThat(rolloutMessage()).isEqualTo("rolled back to revision 1"));
        assertThat(cluster.kubectl(
                        "get",
                        "daemonsets.apps.kruise.io",
                        "fleet-ads",
                        "-o",
                        "jsonpath={.spec.template.spec.containers[0].image}"))
                .isEqualTo("everynode/demo-agent:1");
    }

    /** An attribute of the cluster view's row of {@code node}, read in one script (the rows are redrawn). */
    private static String nodeRow(String node, String attribute) {
        return (String) ((JavascriptExecutor) browser)
                .executeScript(
                        "const tr = document.querySelector(`#node-rows tr[data-node='${arguments[0]}']`);"
                                + " return tr ? tr.getAttribute(arguments[1]) : null;",
                        node,
                        attribute);
    }

    /** A wait that reads the page again when a part of it was redrawn under the reading. */
    private static ConditionFactory eventually() {
        return await().atMost(WAIT).ignoreExceptionsInstanceOf(StaleElementReferenceException.class);
    }

    private static void signIn(String token) {
        browser.get(url);
        eventually().until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in-token")).click();
        eventually().until(() -> browser.findElement(By.id("fleet")).isDisplayed());
    }

    /** Signs in by choosing a kubeconfig file whose user holds {@code token}. */
    private static void signInWithKubeconfig(String token) throws IOException {
        Path kubeconfig = dir.resolve("viewer.kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: everynode
                  cluster: {server: "https://127.0.0.1:%d"}
                contexts:
                - name: viewer
                  context: {cluster: everynode, user: viewer}
                current-context: viewer
                users:
                - name: viewer
                  user: {token: "%s"}
                """.formatted(cluster.running.port(), token));
        browser.get(url);
        eventually().until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        browser.findElement(By.id("kubeconfig"))
                .sendKeys(kubeconfig.toAbsolutePath().toString());
        eventually().until(() -> browser.findElement(By.id("fleet")).isDisplayed());
    }

    private static int legendCount(String state) {
        return DashboardPage.legendCount(browser, state);
    }

    /** A real click on the node's cell: where the page drew it, in the viewport. */
    @SuppressWarnings("unchecked")
    private static void click(String node) {
        Map<String, Object> at = (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeScript(
                        "const c = window.everynode.cellCentre(arguments[0]);"
                                + " const r = document.getElementById('grid').getBoundingClientRect();"
                                + " return {x: Math.round(r.left + c.x), y: Math.round(r.top + c.y)};",
                        node);
        new Actions(browser)
                .moveToLocation(((Number) at.get("x")).intValue(), ((Number) at.get("y")).intValue())
                .click()
                .perform();
    }

    private static void screenshot(String name) throws IOException {
        DashboardPage.screenshot(browser, name);
    }

    /** A ServiceAccount in default bound to {@code clusterRole} (made from {@code role} when given), and a token of it. */
    private static String tokenFor(
            String account, String clusterRole, io.fabric8.kubernetes.api.model.rbac.ClusterRole role) {
        var client = cluster.client;
        client.create(new ServiceAccountBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName(account)
                .endMetadata()
                .build());
        if (role != null) client.create(role);
        client.create(new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(account)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName(clusterRole)
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withNamespace("default")
                .withName(account)
                .endSubject()
                .build());
        return client.createToken("default", account, null, 3600, null).token();
    }

    /** Debian's chromium and chromium-driver (scripts/install-test-tools.sh). */
    static final class Browser {
        private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"));
        private static final List<Path> DRIVER = List.of(Path.of("/usr/bin/chromedriver"));

        private Browser() {}

        static Optional<Path> find(List<Path> candidates) {
            return candidates.stream().filter(Files::isExecutable).findFirst();
        }

        /** Skips the class where the browser is missing; fails it in CI, where it must run. */
        static void assumeAvailable() {
            if (find(CHROMIUM).isPresent() && find(DRIVER).isPresent()) return;
            String why = "chromium and chromium-driver are not installed (scripts/install-test-tools.sh)";
            if ("true".equals(System.getenv("CI"))) Assertions.fail(why);
            Assumptions.assumeTrue(false, why);
        }

        static ChromeDriver start() {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(find(CHROMIUM).orElseThrow().toFile());
            // the cluster's serving certificate is signed by its own CA, which this browser does not know
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--disable-gpu",
                    "--ignore-certificate-errors",
                    "--window-size=1400,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(find(DRIVER).orElseThrow().toFile())
                    .usingAnyFreePort()
                    .build();
            return new ChromeDriver(service, options);
        }
    }
}
