/** Controllers: daemonset, scheduler, nodelifecycle, podgc, and the manager that runs them. */
package io.everynode.controllers;
