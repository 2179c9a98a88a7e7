package io.gatewarden.applier.build;

/** Where build jobs go: the change queue (in AWS and the local stack), or straight to the builder (tests). */
public interface BuildQueue {

    void enqueue(BuildJob job);
}
