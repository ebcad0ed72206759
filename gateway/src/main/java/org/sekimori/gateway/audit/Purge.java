package org.sekimori.gateway.audit;

/** What a retention purge removed from this instance's chain: the records {@code from}..{@code to}. */
public record Purge(long from, long to, int count) {
}
