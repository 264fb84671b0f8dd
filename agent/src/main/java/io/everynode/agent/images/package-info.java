/**
 * The container runtime's images: {@link io.everynode.agent.images.StoreImageSource} implements
 * {@link io.everynode.agent.container.ImageSource} on the images module's store and registry puller
 * (pull policies, imagePullSecrets and the node's default credentials).
 */
package io.everynode.agent.images;
