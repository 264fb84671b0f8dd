package io.everynode.cli;
