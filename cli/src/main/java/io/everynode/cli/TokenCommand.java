package io.everynode.cli;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.client.KubeClient;
import io.everynode.pki.CaHash;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code everynode token create|list|delete}: bootstrap tokens as {@code kubeadm token} manages
 * them, through the API with a kubeconfig (see {@link KubeconfigTarget}).
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manages bootstrap tokens, with which agents on other hosts join the cluster.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Delete.class})
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the cluster is: the kubeconfig options every subcommand takes. */
    static final class Target {
        @Option(
                names = "--kubeconfig",
                description = "The kubeconfig to use (default: DATA/kubeconfig with --data-dir, else $KUBECONFIG, "
                        + "else ~/.kube/config).")
        Path kubeconfig;

        @Option(names = "--data-dir", description = "The server's data directory, whose kubeconfig to use.")
        Path dataDir;

        KubeconfigTarget read() throws IOException {
            return KubeconfigTarget.read(KubeconfigTarget.choose(kubeconfig, dataDir));
        }
    }

    /**
     * Runs {@code body}; a refusal is one line on the command line's stderr and exit code 1. The
     * subcommands write to their command line's writers (stdout and stderr unless a caller set
     * others), flushed before the exit code is returned.
     */
    static int guarded(CommandSpec spec, Callable<Integer> body) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.call();
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (io.everynode.client.ApiError e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("error: " + e);
            return 1;
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a bootstrap token and prints it.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Parameters(
                arity = "0..1",
                paramLabel = "TOKEN",
                description = "The token to store, [a-z0-9]{6}.[a-z0-9]{16}; " + "a random one when left out.")
        String token;

        @Option(
                names = "--ttl",
                defaultValue = "24h",
                converter = Ttl.class,
                description = "How long until the token expires, e.g. 24h, 30m; 0 never (default: ${DEFAULT-VALUE}).")
        Duration ttl;

        @Option(names = "--description", defaultValue = "", description = "A description of what the token is for.")
        String description;

        @Option(
                names = "--usages",
                split = ",",
                description =
                        "What the token may be used for: signing, authentication (default: signing,authentication).")
        List<String> usages;

        @Option(
                names = "--groups",
                split = ",",
                description = "Extra groups the token authenticates as, each system:bootstrappers:... "
                        + "(default: system:bootstrappers:kubeadm:default-node-token).")
        List<String> groups;

        @Option(
                names = "--print-join-command",
                description = "Print the whole 'everynode agent' command that joins a host with this token.")
        boolean printJoinCommand;

        @Override
        public Integer call() {
            return guarded(spec, () -> {
                KubeconfigTarget cluster = target.read();
                Optional<String> hash = cluster.kubeconfig().certificateAuthority().stream()
                        .findFirst()
                        .map(CaHash::of);
                if (printJoinCommand && hash.isEmpty())
                    throw new IllegalStateException("cannot print a join command: the kubeconfig " + cluster.file()
                            + " names no certificate authority to hash (the server does not serve TLS)");
                try (KubeClient client = cluster.client()) {
                    BootstrapToken created = new BootstrapTokens(client, Clock.systemUTC(), new SecureRandom())
                            .create(
                                    token,
                                    ttl,
                                    usages == null ? BootstrapTokens.DEFAULT_USAGES : usages,
                                    groups == null ? BootstrapTokens.DEFAULT_GROUPS : groups,
                                    description);
                    spec.commandLine()
                            .getOut()
                            .println(
                                    printJoinCommand
                                            ? "everynode agent --server "
                                                    + cluster.kubeconfig().server() + " --token " + created
                                                    + " --discovery-token-ca-cert-hash " + hash.get()
                                            : created.toString());
                }
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the bootstrap tokens.")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            return guarded(spec, () -> {
                try (KubeClient client = target.read().client()) {
                    BootstrapTokens tokens = new BootstrapTokens(client, Clock.systemUTC(), new SecureRandom());
                    spec.commandLine().getOut().print(tokens.table(tokens.list()));
                }
                return 0;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes bootstrap tokens.")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Parameters(arity = "1..*", paramLabel = "ID|TOKEN", description = "The tokens to delete, by id or whole.")
        List<String> tokens = new ArrayList<>();

        @Override
        public Integer call() {
            return guarded(spec, () -> {
                try (KubeClient client = target.read().client()) {
                    BootstrapTokens ops = new BootstrapTokens(client, Clock.systemUTC(), new SecureRandom());
                    for (String t : tokens)
                        spec.commandLine().getOut().println("bootstrap token \"" + ops.delete(t) + "\" deleted");
                }
                return 0;
            });
        }
    }

    /** A Go-style duration, or 0 for a token that never expires. */
    static final class Ttl implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.strip().equals("0") || value.strip().equals("0s")) return Duration.ZERO;
            return new ServerCommand.GoDuration().convert(value);
        }
    }
}
