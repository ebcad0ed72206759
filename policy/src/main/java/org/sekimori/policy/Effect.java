package org.sekimori.policy;

/** Whether a decision lets a request through. */
public enum Effect {
    PERMIT,
    DENY
}
