package org.sekimori.gateway.export;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.web.JsonResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/exports/<export id>/password}: the password of a password-protected export,
 * once, to the handler who made it, within the pick-up time. Unknown, already shown, expired and
 * someone else's are one answer, so the endpoint tells nothing of other handlers' exports.
 */
final class ExportPasswordEndpoint {

    static final String PATH = "/api/exports/{exportId}/password";

    private final ExportPasswords passwords;
    private final JsonResponses responses;

    ExportPasswordEndpoint(ExportPasswords passwords, JsonResponses responses) {
        this.passwords = passwords;
        this.responses = responses;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(POST(PATH), this::password);
    }

    private Mono<ServerResponse> password(ServerRequest request) {
        String exportId = request.pathVariable("exportId");
        request.exchange().getAttributes().put(ExchangeAttributes.AUDIT_QUERY, Map.of("exportId", exportId));
        return request.principal().cast(Authentication.class)
                .map(login -> ((AuthenticatedHandler) login.getPrincipal()).userId())
                .flatMap(handler -> passwords.take(exportId, handler).map(this::shown).orElseGet(() -> responses
                        .errorResponse(request.exchange(), HttpStatus.NOT_FOUND, "No password waits for you under "
                                + "this export id: it was shown already, or its " + passwords.pickup().toMinutes()
                                + " minutes passed (export again), or the export is not yours.")));
    }

    private Mono<ServerResponse> shown(char[] password) {
        Map<String, Object> body = new LinkedHashMap<>();
        // One String for the JSON writer; the array is wiped at once, the String left to the collector.
        body.put("password", CharBuffer.wrap(password).toString());
        Arrays.fill(password, '\0');
        body.put("note", "Shown once. Give it to the receiver by another way than the file (in person, by "
                + "phone), never in the same message.");
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(body);
    }
}
