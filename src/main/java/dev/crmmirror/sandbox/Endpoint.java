package dev.crmmirror.sandbox;

/** Answers one kind of request; never sees HTTP plumbing, so faults can wrap any answer. */
@FunctionalInterface
interface Endpoint {
    Reply answer(ApiRequest request);
}
