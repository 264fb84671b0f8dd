/**
 * Controllers: daemonset, scheduler, nodelifecycle, podgc, replicaset, deployment, endpoints
 * (Endpoints and EndpointSlices of Services), serviceaccount, clusterroleaggregation, and the
 * manager that runs them.
 */
package io.everynode.controllers;
