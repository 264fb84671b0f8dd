package io.everynode.apiserver;
