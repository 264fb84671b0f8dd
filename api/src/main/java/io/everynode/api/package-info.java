package io.everynode.api;
