package org.sekimori.gateway.filter;

import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a client receives of a data system's response headers. A data system may not set cookies
 * under the gateway's name, nor speak for the gateway ({@code Sekimori-*}). Its responses are
 * served from the gateway's origin, so they are sandboxed (no script in them can run with the
 * handler's session) and never cached.
 */
@Component
public class UpstreamResponseHeaderFilter implements HttpHeadersFilter, Ordered {

    static final String CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

    private static final Set<String> DROPPED = Set.of("set-cookie", "set-cookie2", "cache-control", "expires",
            "content-security-policy", "content-security-policy-report-only", "access-control-allow-origin",
            "access-control-allow-credentials", "strict-transport-security");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders filtered = new HttpHeaders();
        for (String name : input.headerNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!DROPPED.contains(lower) && !lower.startsWith("sekimori-")) {
                filtered.addAll(name, input.get(name));
            }
        }
        filtered.setCacheControl("no-store");
        filtered.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        return filtered;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
