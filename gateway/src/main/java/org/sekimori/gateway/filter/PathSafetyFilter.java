package org.sekimori.gateway.filter;

import java.util.Locale;
import java.util.regex.Pattern;
import org.sekimori.gateway.web.JsonResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses paths that a data system might read differently from the gateway: dot segments,
 * encoded slashes, backslashes and control characters. Otherwise a path the gateway routes as
 * {@code /systems/a/...} could reach another resource upstream than the one it was allowed for.
 */
@Component
public class PathSafetyFilter implements WebFilter, Ordered {

    /** %00 to %1f: encoded control characters, CR and LF among them. */
    private static final Pattern ENCODED_CONTROL = Pattern.compile("%[01][0-9a-f]");

    private final JsonResponses responses;

    public PathSafetyFilter(JsonResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String rawPath = exchange.getRequest().getURI().getRawPath();
        if (rawPath == null || !isSafe(rawPath)) {
            return responses.error(exchange, HttpStatus.BAD_REQUEST, "The path has a dot segment, an encoded slash, "
                    + "dot or backslash, or a control character; send the plain path of the resource.");
        }
        return chain.filter(exchange);
    }

    static boolean isSafe(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("%7f")
                || lower.contains("\\") || lower.contains(";") || ENCODED_CONTROL.matcher(lower).find()) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return rawPath.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    @Override
    public int getOrder() {
        return FilterOrder.PATH_SAFETY;
    }
}
