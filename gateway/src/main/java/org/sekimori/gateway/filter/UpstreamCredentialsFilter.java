package org.sekimori.gateway.filter;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the gateway's own credentials at the gateway: the handler's session cookie and any
 * Authorization header never reach a data system, and a data system cannot set cookies in the
 * handler's browser under the gateway's name.
 */
@Component
public class UpstreamCredentialsFilter implements HttpHeadersFilter {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders filtered = new HttpHeaders();
        filtered.putAll(input);
        filtered.remove(HttpHeaders.COOKIE);
        filtered.remove(HttpHeaders.AUTHORIZATION);
        filtered.remove(HttpHeaders.PROXY_AUTHORIZATION);
        filtered.remove(HttpHeaders.SET_COOKIE);
        return filtered;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST || type == Type.RESPONSE;
    }
}
