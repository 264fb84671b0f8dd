/** Controllers: daemonset, scheduler, nodelifecycle, podgc, replicaset, deployment, and the manager that runs them. */
package io.everynode.controllers;
