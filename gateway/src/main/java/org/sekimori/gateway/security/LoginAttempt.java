package org.sekimori.gateway.security;

/** Where a login attempt came from: the client address lockouts count by (proxies trusted only when configured). */
public record LoginAttempt(String clientAddress) {
}
