/**
 * The client of the Everynode API: how controllers, the scheduler and agents read and write
 * (design.md: they never reach into {@code apiserver} or {@code store}).
 *
 * <p>The surface:
 * <ul>
 *   <li>{@link io.everynode.client.KubeClient}: typed get, list, create, update, updateStatus,
 *       patch ({@link io.everynode.client.PatchType}), delete (fabric8 {@code DeleteOptions}),
 *       watch ({@link io.everynode.client.Watcher}, {@link io.everynode.client.WatchHandle}), and
 *       the helpers bind, evict and createEvent. Refusals are {@link io.everynode.client.ApiError}s.</li>
 *   <li>{@link io.everynode.client.Transport}: {@code controlplane}'s {@code InProcessTransport}
 *       (calls {@code ApiServer.handle} directly: the same admission, no HTTP; it lives where the
 *       server and its clients are wired together, since this module never sees the server) and
 *       {@link io.everynode.client.HttpTransport} (HTTP/1.1). The client builds the same requests
 *       for both. {@link io.everynode.client.FailoverTransport} puts several servers behind one
 *       transport (an agent with several {@code --server}s, docs/ha.md).</li>
 *   <li>{@link io.everynode.client.Informer}: list then watch into an indexed cache
 *       ({@link io.everynode.client.Lister}), with {@link io.everynode.client.ResourceEventHandler}s;
 *       {@link io.everynode.client.SharedInformerFactory} shares one per kind.</li>
 *   <li>{@link io.everynode.client.WorkQueue}: the controllers' de-duplicating, rate-limited queue.</li>
 *   <li>{@link io.everynode.client.Backoff}: the one per-key exponential back-off (work queue,
 *       CrashLoopBackOff, failed daemon pods, scheduler), on an injected clock.</li>
 *   <li>{@link io.everynode.client.EventRecorder}: the one way to record Events, off the caller's
 *       path, folding repeats and combining similar events ({@code EventAggregator},
 *       {@code EventCorrelator}).</li>
 *   <li>{@link io.everynode.client.ClientConfig}: timeouts and the user agent.</li>
 * </ul>
 *
 * <p>A controller, in the shape of design.md style 1:
 * <pre>{@code
 * SharedInformerFactory factory = new SharedInformerFactory(client);
 * Informer<Pod> pods = factory.informerFor(Pod.class);
 * pods.addIndex("node", p -> p.getSpec().getNodeName() == null ? List.of() : List.of(p.getSpec().getNodeName()));
 * WorkQueue<String> queue = new WorkQueue<>(clock);
 * pods.onAnyChange(p -> queue.add(Lister.key(p)));   // or addEventHandler(ResourceEventHandler.of(…)) when they differ
 * factory.start();
 * factory.waitForCacheSync(Duration.ofSeconds(30));
 * for (String key; (key = queue.get()) != null; queue.done(key)) {
 *     try { sync(key); queue.forget(key); } catch (ApiError e) { queue.addRateLimited(key); }
 * }
 * }</pre>
 */
package io.everynode.client;
