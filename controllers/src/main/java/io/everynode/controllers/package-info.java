/**
 * Controllers: daemonset, scheduler, nodelifecycle, podgc, replicaset, deployment, endpoints
 * (Endpoints and EndpointSlices of Services), serviceaccount, rootcacert (kube-root-ca.crt in every
 * namespace), clusterroleaggregation, certificates (CSR approving and signing), bootstrapsigner
 * (cluster-info signing and the token cleaner), and the
 * manager that runs them.
 */
package io.everynode.controllers;
