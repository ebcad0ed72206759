package org.sekimori.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The OpenAPI description of the administration, grant-request and report APIs, at
 * {@value #PATH}, for any logged-in handler: written by hand beside the code and checked against
 * the routes by a test.
 */
public final class OpenApiEndpoint {

    public static final String PATH = "/api/openapi.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final byte[] description;

    public OpenApiEndpoint() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream("/openapi/sekimori.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/sekimori.yaml is missing from the gateway's jar");
            }
            description = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(GET(PATH), request -> ServerResponse.ok().contentType(YAML)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").bodyValue(description));
    }
}
