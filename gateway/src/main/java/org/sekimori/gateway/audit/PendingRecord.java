package org.sekimori.gateway.audit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.node.ObjectNode;

/** A record waiting for the writer, and the future its request waits on. */
record PendingRecord(ObjectNode record, List<String> subjects, long deadlineNanos, CompletableFuture<Void> done) {
}
