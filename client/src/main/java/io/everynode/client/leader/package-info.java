/**
 * Lease-based leader election with fencing, as client-go's {@code tools/leaderelection} behaves
 * (docs/ha.md, "Leader election"):
 * <ul>
 *   <li>{@link io.everynode.client.leader.LeaderElectionConfig}: which Lease, who campaigns, and
 *       the timings (15 s lease, 10 s renew deadline, 2 s retry by default), checked as upstream.</li>
 *   <li>{@link io.everynode.client.leader.LeaseElection}: the pure core: from the Lease as read
 *       and the local clock, create, take over, renew or wait; when the fence closes.</li>
 *   <li>{@link io.everynode.client.leader.LeaderElector}: the runner: reads and writes the Lease
 *       with resourceVersion preconditions, starts what runs while leading and stops it when
 *       leadership is lost or the elector closes (then releasing the Lease).</li>
 *   <li>{@link io.everynode.client.leader.WriteFence} and
 *       {@link io.everynode.client.leader.FencedTransport}: writes refused in the client once the
 *       renew deadline has passed, before the Lease can be taken by anyone else.</li>
 * </ul>
 */
package io.everynode.client.leader;
