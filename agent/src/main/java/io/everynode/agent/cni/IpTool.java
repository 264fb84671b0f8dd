package io.everynode.agent.cni;

import io.everynode.agent.netns.SubnetChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the CNI network asks of iproute2's {@code ip}: pod namespaces ({@code ip netns}, bound
 * under /var/run/netns so {@code ip netns exec} and runc's spec can name them) and the prefixes
 * the machine already addresses or routes.
 */
final class IpTool {
    /** iproute2's NETNS_RUN_DIR. */
    static final Path NETNS_DIR = Path.of("/var/run/netns");

    private final CommandRunner runner;
    private final String ip;

    IpTool(CommandRunner runner, String ip) {
        this.runner = runner;
        this.ip = ip;
    }

    /** The machine's {@code ip} (PATH of a non-login root shell may lack the sbin directories). */
    static String find() {
        for (String p : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("the ip command (iproute2) is not installed");
    }

    static Path netnsPath(String name) {
        return NETNS_DIR.resolve(name);
    }

    boolean netnsExists(String name) {
        return Files.exists(netnsPath(name));
    }

    /** Makes the namespace with its loopback up (the bridge plugin sets up eth0 only). */
    void addNetns(String name) {
        must(List.of("netns", "add", name));
        must(List.of("-n", name, "link", "set", "lo", "up"));
    }

    /** Removes the namespace's name; idempotent. Its links go once no process holds it. */
    void deleteNetns(String name) {
        if (netnsExists(name)) {
            CommandRunner.Result r = run(List.of("netns", "delete", name));
            if (!r.ok() && netnsExists(name)) {
                throw new IllegalStateException("cannot delete network namespace " + name + ": " + output(r));
            }
        }
    }

    /** The names in {@code ip netns list}. */
    List<String> netnsNames() {
        List<String> out = new ArrayList<>();
        CommandRunner.Result r = run(List.of("netns", "list"));
        if (r.ok()) {
            r.stdout()
                    .lines()
                    .map(l -> l.trim().split("\\s+")[0])
                    .filter(s -> !s.isEmpty())
                    .forEach(out::add);
        }
        return out;
    }

    /** Every IPv4 prefix the machine has an address in or a route to (not the default route). */
    List<String> takenPrefixes() {
        List<String> taken = new ArrayList<>();
        CommandRunner.Result addrs = run(List.of("-4", "-o", "addr", "show"));
        if (addrs.ok()) {
            taken.addAll(SubnetChoice.fromAddresses(addrs.stdout()));
        }
        CommandRunner.Result routes = run(List.of("-4", "route", "show", "table", "all"));
        if (routes.ok()) {
            taken.addAll(SubnetChoice.fromRoutes(routes.stdout()));
        }
        return taken;
    }

    /** Deletes a link of the host namespace; idempotent. */
    void deleteLink(String name) {
        run(List.of("link", "delete", name));
    }

    private void must(List<String> args) {
        CommandRunner.Result r = run(args);
        if (!r.ok()) {
            throw new IllegalStateException("ip " + String.join(" ", args) + " failed: " + output(r));
        }
    }

    private CommandRunner.Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ip);
        command.addAll(args);
        return runner.run(command, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), new byte[0]);
    }

    private static String output(CommandRunner.Result r) {
        return (r.stdout() + r.stderr()).strip();
    }
}
