/**
 * The container runtime's images: {@link io.everynode.agent.images.StoreImageSource} implements
 * {@link io.everynode.agent.container.ImageSource} on the images module's store and registry puller
 * (pull policies, imagePullSecrets and the node's default credentials);
 * {@link io.everynode.agent.images.ImageGcTimer} runs the store's garbage collection every 5
 * minutes, one timer per store, keeping the images the runtimes' containers use.
 */
package io.everynode.agent.images;
