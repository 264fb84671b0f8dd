/**
 * Controllers: daemonset, scheduler, nodelifecycle, podgc, replicaset, deployment, endpoints
 * (Endpoints and EndpointSlices of Services), serviceaccount, rootcacert (kube-root-ca.crt in every
 * namespace), clusterroleaggregation, and the
 * manager that runs them.
 */
package io.everynode.controllers;
