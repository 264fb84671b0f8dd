package io.everynode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code everynode} command: wiring only; every subcommand is a class of its own. */
@Command(
        name = "everynode",
        mixinStandardHelpOptions = true,
        version = "everynode 0.1.0 (Kubernetes " + "v1.35.2" + " API)",
        description = "Runs one copy of an agent on every node of a fleet, through the Kubernetes API.",
        subcommands = {
            ServerCommand.class,
            AgentCommand.class,
            UpCommand.class,
            ImageCommand.class,
            BenchCommand.class,
            TokenCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            MigrateCommand.class,
            LintCommand.class,
            WhyCommand.class,
            PlanCommand.class,
            RolloutCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
