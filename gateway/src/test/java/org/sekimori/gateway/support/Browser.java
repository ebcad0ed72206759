package org.sekimori.gateway.support;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as the gateway's pages need one: keeps cookies, follows no redirect by itself
 * (tests look at each), asks for HTML and posts forms. Like a browser, it treats http://127.0.0.1
 * as a secure context and sends it Secure cookies (Keycloak sets them).
 */
public final class Browser {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts {@code fields} as a form, in order. */
    public HttpResponse<String> post(URI uri, Map<String, String> fields) throws IOException, InterruptedException {
        String form = fields.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code fields} with the page's CSRF token added, as the page's form would send them. */
    public static Map<String, String> withCsrf(String page, Map<String, String> fields) {
        Matcher csrf = CSRF_FIELD.matcher(page);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF field on the page:\n" + page);
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf.group(1));
        return all;
    }

    /** Where a redirect sends the browser; fails unless the answer is one. */
    public static String location(HttpResponse<String> response) {
        if (response.statusCode() != 302 && response.statusCode() != 303) {
            throw new AssertionError("expected a redirect, got " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static final class LoopbackCookies extends CookieHandler {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return cookies.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            Map<String, List<String>> withoutSecure = new HashMap<>();
            headers.forEach((name, values) -> withoutSecure.put(name, name == null ? values : values.stream()
                    .map(value -> value.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList()));
            cookies.put(uri, withoutSecure);
        }
    }
}
