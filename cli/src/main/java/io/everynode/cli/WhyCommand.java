package io.everynode.cli;

import io.everynode.advisor.why.Answer;
import io.everynode.advisor.why.AnswerText;
import io.everynode.advisor.why.WhyAnswers;
import io.everynode.advisor.why.WhyInput;
import io.everynode.advisor.why.WhyReader;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code everynode why ds/NAME [NODE]} (or {@code ads/NAME} for an Advanced DaemonSet, read
 * through its apps/v1 view, E7.3): for every node (or the one named), why a pod of the
 * DaemonSet runs there or not (docs/why.md). Read-only (get and list through the kubeconfig), so
 * it answers on a real Kubernetes cluster too. The same class is what {@code kubectl everynode
 * why} runs (the kubectl-everynode plugin script).
 */
@Command(
        name = "why",
        mixinStandardHelpOptions = true,
        description = "Explains, node by node, why a DaemonSet's pod runs there or not: runs, should-not-run "
                + "(selector, affinity, taint), cannot-fit (resource), waiting, not-ready, evicted. Only reads.")
final class WhyCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "ds/NAME",
            description = "The DaemonSet (ds/NAME, daemonset/NAME or NAME; an Advanced DaemonSet as ads/NAME,"
                    + " daemon/NAME or daemonsets.apps.kruise.io/NAME).")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NODE", description = "Answer for this node only, in detail.")
    String node;

    @Mixin
    NamespacedTarget cluster;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DaemonSetRef ref = DaemonSetRef.of(target);
        if (ref == null) {
            err.println("error: expected ds/NAME or ads/NAME, got \"" + target + "\"");
            return 1;
        }
        if (!output.equals("table") && !output.equals("json")) {
            err.println("error: unknown output format \"" + output + "\": use table or json");
            return 1;
        }
        KubeconfigTarget config;
        String namespace;
        try {
            config = cluster.read();
            namespace = cluster.namespace(config);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        try (KubeClient client = config.client()) {
            WhyInput input = new WhyReader(client, Clock.systemUTC()).read(ref.kind(), namespace, ref.name());
            List<Answer> answers = new WhyAnswers().answer(input, node);
            if (node != null && answers.isEmpty()) {
                err.println("Error from server (NotFound): nodes \"" + node + "\" not found");
                return 1;
            }
            String ds = namespace + "/" + ref.name();
            if (output.equals("json")) {
                out.print(AnswerText.json(ds, answers));
            } else if (node != null) {
                out.print(AnswerText.detail(ds, answers.get(0)));
            } else {
                out.print(AnswerText.table(answers));
            }
            out.flush();
            return 0;
        } catch (ApiError e) {
            err.println("Error from server (" + e.reason() + "): " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
