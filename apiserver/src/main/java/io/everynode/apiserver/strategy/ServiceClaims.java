package io.everynode.apiserver.strategy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where Service clusterIPs and nodePorts are claimed, shared by every API server on one store
 * (docs/services.md, "Allocation"): the narrow actions interface of the {@link ServiceAllocator}
 * and the {@link ServiceClaimsRepair}. Every write is a single-key compare-and-swap, so two
 * servers never both win one address or port.
 *
 * <ul>
 *   <li>A clusterIP is claimed by creating its networking.k8s.io/v1 IPAddress, named by the
 *       address, whose {@code spec.parentRef} names the Service (upstream's KEP-1880); a create
 *       that finds the object there means the address is taken.</li>
 *   <li>nodePorts are bits of one RangeAllocation value, rewritten with the modRevision it was
 *       read at (upstream's {@code /registry/ranges/servicenodeports}).</li>
 * </ul>
 */
public interface ServiceClaims {

    /** What a claim of an address found. */
    enum Outcome {
        /** This call created the claim: the caller gives it back if its write fails. */
        CLAIMED,
        /** The claim was there already for the same Service (a retry, a repair, a concurrent create of one name). */
        HELD_BY_SAME,
        /** Another Service (or another kind of owner) holds the address. */
        TAKEN
    }

    /** One stored IPAddress. {@code managed}: written by this allocator (its managed-by label). */
    record IpClaim(
            String ip,
            String group,
            String resource,
            String namespace,
            String name,
            Instant created,
            boolean managed,
            long revision) {
        boolean heldBy(String namespace, String name) {
            return group.isEmpty()
                    && resource.equals("services")
                    && namespace.equals(this.namespace)
                    && name.equals(this.name);
        }
    }

    /** Claims {@code ip} for the Service {@code namespace/name}. */
    Outcome claimIp(String ip, String namespace, String name);

    /** Gives {@code ip} back, if and only if the Service {@code namespace/name} holds it now. */
    void releaseIp(String ip, String namespace, String name);

    /** The addresses claimed now (cheap: names only). */
    Set<String> claimedIps();

    /** Every stored IPAddress, decoded (for the repair pass). */
    List<IpClaim> ipClaims();

    /** Deletes {@code claim} if it is still as read (for the repair pass). */
    void removeIpClaim(IpClaim claim);

    /** The nodePorts taken now, with the revision to write them back at. */
    PortAllocation readPorts();

    /**
     * Stores {@code next} if the ports are still at {@code next.revision()}; false when another
     * write came first (read again and decide again).
     */
    boolean writePorts(PortAllocation next);
}
