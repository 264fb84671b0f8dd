package io.everynode.cli;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.NodeAgent;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.client.KubeClient;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code everynode agent}: one node agent that registers with a server and runs the pods bound to its node. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Runs a node agent: registers the node, heartbeats, and runs the pods bound to it.")
final class AgentCommand implements Callable<Integer> {
    @Option(names = "--server", required = true, description = "The API server, e.g. http://127.0.0.1:6443.")
    URI server;

    @Option(names = "--node-name", required = true, description = "This node's name.")
    String nodeName;

    @Option(names = "--node-labels", defaultValue = "", description = "Extra node labels: k=v,k2=v2.")
    String nodeLabels;

    @Option(names = "--register-with-taints", defaultValue = "", description = "Taints set at registration: k=v:Effect,...")
    String taints;

    @Option(names = "--runtime", defaultValue = "simulated", description = "What runs the containers: simulated (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--capacity", defaultValue = "", description = "cpu=…,memory=…,pods=… (default: this machine's, 110 pods).")
    String capacity;

    @Option(names = "--eviction-hard", defaultValue = "memory.available<100Mi",
            description = "Hard eviction threshold, as the kubelet's: memory.available<QUANTITY or <PERCENT% (default: ${DEFAULT-VALUE}). "
                    + "Disk and pid signals are accepted and not acted on.")
    String evictionHard;

    @Option(names = "--eviction-pressure-transition-period", defaultValue = "5m", converter = ServerCommand.GoDuration.class,
            description = "How long MemoryPressure stays True after the last pressure seen (default: ${DEFAULT-VALUE}).")
    java.time.Duration evictionPressureTransitionPeriod;

    @Override
    public Integer call() throws Exception {
        AgentConfig config;
        try {
            checkRuntime(runtime);
            config = AgentConfig.defaults(nodeName).withLabels(AgentFlags.labels(nodeLabels))
                    .withTaints(AgentFlags.taints(taints)).withCapacity(AgentFlags.capacity(capacity, AgentConfig.machineCapacity()))
                    .withEviction(AgentFlags.eviction(evictionHard, evictionPressureTransitionPeriod));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Clock clock = Clock.systemUTC();
        KubeClient client = KubeClient.http(server);
        SimulatedRuntime rt = new SimulatedRuntime(SimulatedRuntime.Config.defaults(), clock, nodeName);
        NodeAgent agent;
        try {
            agent = NodeAgent.start(client, config, rt, clock);
        } catch (RuntimeException e) {
            System.err.println("error: cannot register node " + nodeName + " with " + server + ": " + e.getMessage());
            rt.close();
            client.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.close();
                rt.close();
                client.close();
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("everynode agent: node " + nodeName + " registered with " + server + " (runtime " + runtime + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Only the simulated runtime exists yet; {@code process} is named so the user knows it is coming. */
    static void checkRuntime(String runtime) {
        switch (runtime) {
            case "simulated" -> { }
            case "process" -> throw new IllegalArgumentException("the process runtime is not available yet; use --runtime simulated");
            default -> throw new IllegalArgumentException("unknown runtime \"" + runtime + "\" (use simulated)");
        }
    }
}
