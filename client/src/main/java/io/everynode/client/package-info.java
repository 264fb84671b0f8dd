package io.everynode.client;
