package org.sekimori.policy.model;

/** Whether a handler may log in at all. */
public enum HandlerStatus {
    ACTIVE,
    /** Switched off by an administrator, e.g. after leaving; kept so that records still name them. */
    DISABLED;
}
