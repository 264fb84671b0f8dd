package io.everynode.cli;

import io.everynode.advisor.rollout.RolloutStatusWatch;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code everynode rollout status ds/NAME} (or {@code ads/NAME}: an Advanced DaemonSet, through
 * its apps/v1 view, E7.3): kubectl's rollout status for a DaemonSet, which also
 * fails on a rollout past its progress deadline (E1.6; kubectl's own DaemonSet viewer reads no
 * condition). Read-only, through a kubeconfig ({@link NamespacedTarget}).
 */
@Command(
        name = "rollout",
        mixinStandardHelpOptions = true,
        description = "Follows DaemonSet rollouts (read-only).",
        subcommands = {RolloutCommand.Status.class})
final class RolloutCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Shows a DaemonSet's rollout status as kubectl does, and exits 1 when the rollout exceeded"
                    + " its progress deadline (everynode.io/progress-deadline-seconds).")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        NamespacedTarget target;

        @Parameters(
                index = "0",
                paramLabel = "TYPE/NAME",
                description = "ds/NAME, daemonset/NAME or daemonsets.apps/NAME (ads/NAME, daemon/NAME or"
                        + " daemonsets.apps.kruise.io/NAME for an Advanced DaemonSet); or a type then NAME.")
        String what;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", hidden = true)
        String nameAfterType;

        @Option(
                names = {"-w", "--watch"},
                defaultValue = "true",
                arity = "0..1",
                description = "Watch until the rollout ends (default: ${DEFAULT-VALUE}).")
        boolean watch;

        @Option(
                names = "--timeout",
                defaultValue = "0s",
                converter = TokenCommand.Ttl.class,
                description =
                        "How long to wait before giving up, e.g. 30s, 5m; 0 waits for ever (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() {
            return TokenCommand.guarded(spec, () -> {
                DaemonSetRef ref = ref();
                PrintStream out = new PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
                KubeconfigTarget config = target.read();
                try (var client = config.client()) {
                    return new RolloutStatusWatch(client, Clock.systemUTC(), out, err)
                            .run(ref.kind(), target.namespace(config), ref.name(), watch, timeout);
                }
            });
        }

        /** The DaemonSet from {@code ds/NAME} or {@code ds NAME} (either kind, {@link DaemonSetRef}); other kinds are refused. */
        DaemonSetRef ref() {
            String type = what;
            String name = nameAfterType;
            int slash = what.indexOf('/');
            if (slash >= 0) {
                if (nameAfterType != null)
                    throw new IllegalArgumentException("there is no need to specify a resource"
                            + " type as a separate argument when passing arguments in resource/name form");
                type = what.substring(0, slash);
                name = what.substring(slash + 1);
            }
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("a DaemonSet name is required");
            DaemonSetRef ref = DaemonSetRef.of(type, name);
            if (ref == null)
                throw new IllegalArgumentException(
                        "everynode rollout status follows DaemonSets only (ds/NAME or ads/NAME), not " + type);
            return ref;
        }
    }
}
