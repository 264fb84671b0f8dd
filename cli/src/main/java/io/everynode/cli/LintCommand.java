package io.everynode.cli;

import io.everynode.advisor.lint.FindingsJson;
import io.everynode.advisor.lint.FindingsText;
import io.everynode.advisor.lint.LintContext;
import io.everynode.advisor.lint.LintInputException;
import io.everynode.advisor.lint.LintReport;
import io.everynode.advisor.lint.Linter;
import io.everynode.advisor.lint.ManifestReader;
import io.everynode.advisor.lint.Severity;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code everynode lint -f FILE…}: the mistakes of docs/lint.md in manifests, before they are
 * applied. Offline unless {@code --kubeconfig} is given, and then it only lists the cluster's nodes
 * (to size rollout budgets); it never writes. Exit codes: 0 when no finding is at or above
 * {@code --fail-on}, 1 when one is, 2 for bad usage or input lint cannot read.
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = "Finds DaemonSet mistakes in manifests before they are applied (docs/lint.md). Exit code 0:"
                + " no finding at or above --fail-on; 1: findings; 2: usage or input errors.")
final class LintCommand implements Callable<Integer> {
    /** The --output values. */
    enum Output {
        text,
        json
    }

    /** The --fail-on values; {@code none} never fails. */
    enum FailOn {
        error,
        warning,
        info,
        none
    }

    @Option(
            names = {"-f", "--filename"},
            required = true,
            paramLabel = "FILE",
            description = "A manifest file (YAML, several documents, Lists), a directory of them, or - for stdin."
                    + " Repeatable.")
    List<String> files;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "text",
            description =
                    "text (one line per finding) or json (schema everynode.io/lint/v1). Default: ${DEFAULT-VALUE}.")
    Output output;

    @Option(
            names = "--fail-on",
            defaultValue = "warning",
            description = "Exit 1 when a finding is at or above this severity: error, warning, info or none."
                    + " Default: ${DEFAULT-VALUE}.")
    FailOn failOn;

    @Option(
            names = "--nodes",
            paramLabel = "N",
            description = "The fleet's size, to check rollout budgets against (EN005, EN009).")
    Integer nodes;

    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            description = "Read the fleet's nodes from this cluster (read only) to check rollout budgets against the"
                    + " nodes each DaemonSet would run on.")
    Path kubeconfig;

    @Option(
            names = "--pod-replace-seconds",
            defaultValue = "" + LintContext.DEFAULT_POD_REPLACE_SECONDS,
            paramLabel = "S",
            description = "Seconds to replace one pod, for rollout estimates (EN009). Default: ${DEFAULT-VALUE}.")
    int podReplaceSeconds;

    @Override
    public Integer call() {
        if (nodes != null && kubeconfig != null) {
            System.err.println("error: give --nodes or --kubeconfig, not both");
            return 2;
        }
        if ((nodes != null && nodes < 0) || podReplaceSeconds < 1) {
            System.err.println("error: --nodes must be 0 or more and --pod-replace-seconds 1 or more");
            return 2;
        }
        try {
            LintContext context = context().withPodReplaceSeconds(podReplaceSeconds);
            LintReport report = Linter.standard().lint(new ManifestReader(System.in).read(files), context);
            System.out.print(output == Output.json ? FindingsJson.render(report) : FindingsText.render(report));
            return report.failsAt(threshold()) ? 1 : 0;
        } catch (LintInputException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private LintContext context() throws LintInputException {
        if (nodes != null) return LintContext.ofNodeCount(nodes);
        if (kubeconfig == null) return LintContext.offline();
        try (KubeClient client = KubeClient.fromKubeconfig(kubeconfig)) {
            return LintContext.ofNodes(client.list(Node.class, null).items());
        } catch (IOException | RuntimeException e) {
            throw new LintInputException("cannot list the nodes through " + kubeconfig + ": " + e.getMessage(), e);
        }
    }

    private Severity threshold() {
        return switch (failOn) {
            case error -> Severity.ERROR;
            case warning -> Severity.WARNING;
            case info -> Severity.INFO;
            case none -> null;
        };
    }
}
