package io.everynode.cli;

import io.everynode.advisor.lint.LintInputException;
import io.everynode.advisor.lint.Manifest;
import io.everynode.advisor.lint.ManifestReader;
import io.everynode.advisor.plan.Plan;
import io.everynode.advisor.plan.PlanReader;
import io.everynode.advisor.plan.PlanText;
import io.everynode.advisor.plan.Planner;
import io.everynode.advisor.plan.Proposal;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code everynode plan -f ds.yaml}: what applying the DaemonSets of the files would do on the
 * cluster the kubeconfig names (docs/plan.md): placement per node, requests and headroom per node
 * pool, a rollout estimate. Read-only (get and list); the decisions are advisor.plan's.
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Shows, before applying, which nodes a DaemonSet's pods go to and why not, the requests and"
                + " headroom per node pool, and an estimated rollout time (docs/plan.md). Only reads. Exit code 0:"
                + " planned; 1: the cluster could not be read; 2: usage or input errors.")
final class PlanCommand implements Callable<Integer> {
    @Option(
            names = {"-f", "--filename"},
            required = true,
            paramLabel = "FILE",
            description = "A manifest file, a directory of them, or - for stdin; every DaemonSet in them (apps/v1, or"
                    + " an Advanced DaemonSet of apps.kruise.io/v1alpha1) is planned."
                    + " Repeatable.")
    List<String> files;

    /** {@code -n}: the namespace of manifests that name none. */
    @Mixin
    NamespacedTarget target;

    @Option(
            names = "--pool-label",
            paramLabel = "LABEL",
            description = "Group nodes into pools by this label (default: node.kubernetes.io/instance-type, else"
                    + " topology.kubernetes.io/zone, whichever a node has; else one pool).")
    String poolLabel;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "text",
            description = "text or json (schema everynode.io/plan/v1). Default: ${DEFAULT-VALUE}.")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.equals("text") && !output.equals("json")) {
            err.println("error: unknown output format \"" + output + "\": use text or json");
            return 2;
        }
        List<Proposal> daemonSets = new ArrayList<>();
        try {
            for (Manifest m : new ManifestReader(System.in).read(files)) {
                Proposal.of(m).ifPresent(daemonSets::add);
            }
        } catch (LintInputException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (daemonSets.isEmpty()) {
            err.println("error: no DaemonSet (apps/v1 or apps.kruise.io/v1alpha1) in " + String.join(", ", files));
            return 2;
        }
        KubeconfigTarget config;
        try {
            config = target.read();
            String ns = target.namespace(config);
            daemonSets.stream()
                    .map(Proposal::daemonSet)
                    .filter(ds -> ds.getMetadata().getNamespace() == null)
                    .forEach(ds -> ds.getMetadata().setNamespace(ns));
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        try (KubeClient client = config.client()) {
            PlanReader reader = new PlanReader(client);
            Planner planner = new Planner();
            for (int i = 0; i < daemonSets.size(); i++) {
                Plan plan = planner.plan(reader.read(daemonSets.get(i), poolLabel));
                if (i > 0 && output.equals("text")) out.println();
                out.print(output.equals("json") ? PlanText.json(plan) : PlanText.text(plan));
            }
            out.flush();
            return 0;
        } catch (ApiError e) {
            err.println("Error from server (" + e.reason() + "): " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
