package org.sekimori.gateway.route;

/** Where on the gateway each registered data system is reached: {@code /systems/<ledger id>/...}. */
public final class DataSystemPaths {

    /** Path segments before the data system's own path; removed before the request goes upstream. */
    static final int PREFIX_SEGMENTS = 2;

    private DataSystemPaths() {
    }

    public static String prefix(String dataSystemId) {
        return "/systems/" + dataSystemId;
    }
}
