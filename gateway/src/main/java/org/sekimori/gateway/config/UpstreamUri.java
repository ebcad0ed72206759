package org.sekimori.gateway.config;

import java.net.URI;

/** What an upstream base URI must look like: where a data system is, and nothing more. */
final class UpstreamUri {

    private UpstreamUri() {
    }

    /** Loopback by its name or address literal alone: nothing is looked up. */
    private static boolean onThisHost(String host) {
        return host.equalsIgnoreCase("localhost") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Why {@code uri} cannot be an upstream, or null when it can. */
    static String problem(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            return "must be an absolute URI with a host, like https://localhost:8081";
        }
        if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
            return "must use http or https, not " + uri.getScheme();
        }
        if (uri.getScheme().equals("http") && !onThisHost(uri.getHost())) {
            return "must be https: for a data system on another host (personal data must not cross the network "
                    + "unencrypted); http: is only for one on this host (127.0.0.1, ::1, localhost)";
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
