package org.sekimori.gateway.config;

import java.net.URI;

/** What an upstream base URI must look like: where a data system is, and nothing more. */
final class UpstreamUri {

    private UpstreamUri() {
    }

    /** Why {@code uri} cannot be an upstream, or null when it can. */
    static String problem(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            return "must be an absolute URI with a host, like http://127.0.0.1:8081";
        }
        if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
            return "must use http or https, not " + uri.getScheme();
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials; the gateway asserts who the handler is itself";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        return null;
    }
}
