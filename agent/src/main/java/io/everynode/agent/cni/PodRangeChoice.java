package io.everynode.agent.cni;

import io.everynode.agent.netns.SubnetChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's pod range when its Node has no {@code spec.podCIDR}: a /24 of {@value #POOL} (the
 * range Kubernetes clusters customarily give pods; apart from the process runtime's
 * 10.123.0.0/16), starting at one drawn from the node's id and moved on past every prefix the
 * machine addresses or routes and every /24 another node of this machine has claimed.
 *
 * <p>A claim is a file named for the /24 in the claims directory, made with create-new (atomic,
 * so two nodes starting at once cannot take one range) and holding the owner's network id, its
 * data directory. A claim whose owner's data directory is gone is stale and is taken over.
 */
final class PodRangeChoice {
    static final String POOL = "10.244.0.0/16";
    private static final String FIRST_TWO = "10.244";

    private PodRangeChoice() {}

    /**
     * @param networkId the node's data directory (real path)
     * @throws IllegalStateException when every /24 of the pool is taken
     */
    static String choose(String networkId, List<String> machinePrefixes, Path claimsDir) {
        List<String> taken = new ArrayList<>(machinePrefixes);
        int start = NetworkPlan.preferredOctet(networkId);
        for (int attempt = 0; attempt < 256; attempt++) {
            int octet = SubnetChoice.choose(FIRST_TWO, start, taken);
            if (octet < 0) {
                break;
            }
            String range = FIRST_TWO + "." + octet + ".0/24";
            if (claim(claimsDir, range, networkId)) {
                return range;
            }
            taken.add(range);
        }
        throw new IllegalStateException("no free /24 left in " + POOL + " on this machine for pods");
    }

    /** Records (again) that this network id owns the range, e.g. after a reboot emptied the claims. */
    static void reclaim(Path claimsDir, String range, String networkId) {
        try {
            Files.createDirectories(claimsDir);
            Files.writeString(claimFile(claimsDir, range), networkId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the pod range claim in " + claimsDir, e);
        }
    }

    static void release(Path claimsDir, String range, String networkId) {
        Path f = claimFile(claimsDir, range);
        try {
            if (Files.exists(f) && Files.readString(f).equals(networkId)) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a claim left behind is stale once the owner's range file is gone
        }
    }

    private static boolean claim(Path claimsDir, String range, String networkId) {
        Path f = claimFile(claimsDir, range);
        try {
            Files.createDirectories(claimsDir);
            try {
                Files.writeString(
                        f,
                        networkId,
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                String owner = Files.readString(f);
                if (owner.equals(networkId) || !Files.isDirectory(Path.of(owner))) {
                    Files.writeString(f, networkId);
                    return true;
                }
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim the pod range " + range + " in " + claimsDir, e);
        }
    }

    private static Path claimFile(Path claimsDir, String range) {
        return claimsDir.resolve(range.replace('/', '-'));
    }
}
