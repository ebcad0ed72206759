package org.sekimori.policy;

/** Decides access requests. Implementations are immutable and safe to call from any thread. */
@FunctionalInterface
public interface PolicyEngine {

    Decision decide(AccessRequest request);
}
