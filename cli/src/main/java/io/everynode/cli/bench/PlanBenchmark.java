package io.everynode.cli.bench;

import io.everynode.advisor.plan.Plan;
import io.everynode.advisor.plan.PlanReader;
import io.everynode.advisor.plan.Planner;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.client.KubeClient;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.InProcessNodeClients;
import io.everynode.controlplane.InProcessTransport;
import io.everynode.store.StoreConfig;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code everynode plan}'s rollout estimate against the real rollout (issue 15: within 25%): an
 * API server, the controllers and N simulated nodes in one process (as {@link
 * DaemonSetBenchmark}), whose pods take {@code podStart} from start to Ready, as an image pull
 * and start do. A DaemonSet is created and rolled out; its update is then planned through the API
 * (advisor.plan, as the command reads) after {@value #WARM_UPDATES} unmeasured updates, applied,
 * and timed until every node runs an available pod of the new revision. A measurement, never a test.
 */
public final class PlanBenchmark {
    static final String NS = "bench";
    /** Updates before the measured one: a steady state, and the last one is the plan's history. */
    static final int WARM_UPDATES = 2;

    private PlanBenchmark() {}

    /**
     * @param podStart the simulated runtime's start plus ready delay (a fifth of it is jitter)
     * @param phaseTimeout how long each phase may take before it is reported as not reached
     * @param stages 0 for an unstaged DaemonSet; else that many stages of equal shares of the
     *     nodes (E5.1, by maxNodes percentages), each but the last followed by {@code soak}
     */
    public record Options(
            int nodes,
            StoreConfig store,
            String maxUnavailable,
            Duration podStart,
            int registerParallelism,
            Duration phaseTimeout,
            Consumer<String> out,
            int stages,
            int soakSeconds) {
        /** Unstaged. */
        public Options(
                int nodes,
                StoreConfig store,
                String maxUnavailable,
                Duration podStart,
                int registerParallelism,
                Duration phaseTimeout,
                Consumer<String> out) {
            this(nodes, store, maxUnavailable, podStart, registerParallelism, phaseTimeout, out, 0, 0);
        }

        /**
         * The stages annotation (E5.1): stage k of n takes up to ⌈100·k/n⌉% of the nodes
         * (cumulative, E5.2), the last all; null when unstaged.
         */
        String stagesAnnotation() {
            if (stages <= 0) return null;
            StringBuilder b = new StringBuilder("[");
            for (int k = 1; k <= stages; k++) {
                if (k > 1) b.append(',');
                b.append("{\"name\":\"stage-").append(k).append('"');
                if (k < stages) {
                    b.append(",\"maxNodes\":\"")
                            .append((100 * k + stages - 1) / stages)
                            .append("%\",\"soakSeconds\":")
                            .append(soakSeconds);
                }
                b.append('}');
            }
            return b.append(']').toString();
        }

        DaemonSet daemonSet() {
            DaemonSet ds = Phases.daemonSet(NS, maxUnavailable);
            String annotation = stagesAnnotation();
            if (annotation != null) {
                Map<String, String> annotations = ds.getMetadata().getAnnotations() == null
                        ? new HashMap<>()
                        : new HashMap<>(ds.getMetadata().getAnnotations());
                annotations.put(AdvancedRollout.STAGES, annotation);
                ds.getMetadata().setAnnotations(annotations);
            }
            return ds;
        }

        /** Start 60%, ready 20%, up to 20% jitter on each: pods Ready about podStart after they start. */
        SimulatedRuntime.Config runtime() {
            Duration fifth = podStart.dividedBy(5);
            return new SimulatedRuntime.Config(
                    podStart.minus(fifth.multipliedBy(2)), fifth, fifth, Duration.ofSeconds(1), Duration.ZERO);
        }
    }

    /** The figures of one run; durations null when not reached. */
    /** @param previousUpdate the last update before the measured one (the plan's history) */
    public record Result(
            int nodes,
            String maxUnavailable,
            String stages,
            Duration created,
            Duration previousUpdate,
            Plan.Estimate estimate,
            Duration measured) {
        public boolean complete() {
            return created != null && estimate != null && measured != null;
        }

        /** Estimate ÷ measured; NaN when not measured. */
        public double ratio() {
            return measured == null || measured.isZero()
                    ? Double.NaN
                    : (double) estimate.total().toMillis() / measured.toMillis();
        }

        @Override
        public String toString() {
            String basis = estimate == null
                    ? "not reached"
                    : String.format(
                            (estimate.stages().isEmpty()
                                            ? ""
                                            : estimate.stages().size() + " stages ("
                                                    + String.join(
                                                            ", ",
                                                            estimate.stages().stream()
                                                                    .map(st ->
                                                                            st.nodes() + " nodes " + seconds(st.time()))
                                                                    .toList())
                                                    + ") + soaks, ")
                                    + "%d waves; pod start %s (mean of %d: %s); last rollout's slot %s",
                            estimate.waves(),
                            seconds(estimate.basis().perPod()),
                            estimate.basis().samples(),
                            estimate.basis().source(),
                            estimate.lastSlot() == null ? "not known" : seconds(estimate.lastSlot()));
            return String.format(
                    """
                    plan: %d simulated nodes, maxUnavailable %s%s
                      first create, all available:  %s
                      last unmeasured update:       %s
                      estimated update:             %s, %s
                      measured update:              %s
                      estimate / measured:          %s""",
                    nodes,
                    maxUnavailable,
                    stages,
                    seconds(created),
                    seconds(previousUpdate),
                    estimate == null ? "not reached" : seconds(estimate.total()),
                    basis,
                    seconds(measured),
                    complete() ? String.format("%.2f", ratio()) : "not reached");
        }
    }

    public static Result run(Options o) throws Exception {
        Clock clock = Clock.systemUTC();
        Phases phases = new Phases(o.phaseTimeout(), o.out());
        try (ControlPlane cp = Phases.controlPlane(o.store(), clock)) {
            InProcessNodeClients agents = new InProcessNodeClients(cp.api());
            KubeClient bench = InProcessTransport.client(cp.api());
            SimulatedFleet fleet = null;
            try {
                Phases.createNamespace(bench, NS);
                fleet = new SimulatedFleet(agents.forNode("node-1"), agents::forNode, clock, o.runtime());
                fleet.addAll(DaemonSetBenchmark.configs(o.nodes()), o.registerParallelism());
                phases.say("nodes: " + o.nodes() + " registered");

                long t0 = System.nanoTime();
                long generation = bench.create(o.daemonSet()).getMetadata().getGeneration();
                Duration created = phases.await(() -> rolledOut(bench, generation, o.nodes()), t0);
                phases.say("first create, all available: " + Phases.ms(created));
                if (created == null)
                    return new Result(o.nodes(), o.maxUnavailable(), stages(o), null, null, null, null);

                // A first create starts every pod at once: its pods' start times overstate an
                // update's, and their creation times tell no rollout's pace (docs/plan.md). Two
                // updates, not measured, bring the process to a steady state (the first update after
                // the create runs in a cold JVM and behind the create's after-work, and is a third
                // slower than the next) and leave the history the plan learns from, as on a cluster
                // in use.
                Duration previous = null;
                for (int i = 0; i < WARM_UPDATES; i++) {
                    String image = image(2 + i);
                    long t1 = System.nanoTime();
                    previous = phases.await(() -> update(bench, image, o.nodes()), t1);
                    phases.say("update " + (i + 1) + " (not measured), all available: " + Phases.ms(previous));
                    if (previous == null)
                        return new Result(o.nodes(), o.maxUnavailable(), stages(o), created, null, null, null);
                }

                DaemonSet next = o.daemonSet();
                String measuredImage = image(2 + WARM_UPDATES);
                next.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(measuredImage);
                Plan plan = new Planner().plan(new PlanReader(bench).read(next, null));
                phases.say("plan: " + seconds(plan.estimate().total()) + " for "
                        + plan.estimate().waves() + " waves");

                long t2 = System.nanoTime();
                Duration measured = phases.await(() -> update(bench, measuredImage, o.nodes()), t2);
                phases.say("update, all available: " + Phases.ms(measured));
                return new Result(
                        o.nodes(), o.maxUnavailable(), stages(o), created, previous, plan.estimate(), measured);
            } finally {
                if (fleet != null) fleet.close();
                bench.close();
                agents.close();
            }
        }
    }

    /**
     * Sets the template's image (once: a DaemonSet already at {@code image} is left alone) and
     * answers whether every node runs an available pod of it.
     */
    private static boolean update(KubeClient client, String image, int nodes) {
        DaemonSet live = client.get(DaemonSet.class, NS, Phases.DS);
        var container = live.getSpec().getTemplate().getSpec().getContainers().get(0);
        if (!image.equals(container.getImage())) {
            container.setImage(image);
            live = client.update(live);
        }
        return rolledOut(client, live.getMetadata().getGeneration(), nodes);
    }

    /** Every node runs an available pod of the generation's template, as the controller reports it. */
    private static boolean rolledOut(KubeClient client, long generation, int nodes) {
        DaemonSetStatus s = client.get(DaemonSet.class, NS, Phases.DS).getStatus();
        return s != null
                && s.getObservedGeneration() != null
                && s.getObservedGeneration() >= generation
                && eq(s.getDesiredNumberScheduled(), nodes)
                && eq(s.getUpdatedNumberScheduled(), nodes)
                && eq(s.getNumberAvailable(), nodes);
    }

    private static boolean eq(Integer n, int expected) {
        return n != null && n == expected;
    }

    private static String image(int version) {
        return "registry.local/agent:" + version;
    }

    private static String stages(Options o) {
        return o.stages() <= 0 ? "" : ", " + o.stages() + " stages, soak " + o.soakSeconds() + " s";
    }

    static String seconds(Duration d) {
        return d == null ? "not reached" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
