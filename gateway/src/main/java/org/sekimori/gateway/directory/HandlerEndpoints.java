package org.sekimori.gateway.directory;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.changes.AdministrationRoles;
import org.sekimori.gateway.elevation.ElevationCheck;
import org.sekimori.gateway.grants.StoreCalls;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.login.Credentials;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.HandlerSessions;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.PasswordHasher;
import org.sekimori.keys.SealedText;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Handler;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What administrators do for a handler's credentials, at {@value #HANDLERS}: see every handler
 * with their lockout and second factor; unlock an account; reset a lost second factor (the next
 * login enrols a new one); set a one-time password the handler must replace at the next login,
 * shown once to the administrator. Each after a recent second factor, with a comment, never for
 * oneself, recorded ({@code handler-credentials} records); a reset ends the handler's sessions.
 */
final class HandlerEndpoints {

    static final String HANDLERS = "/api/admin/handlers";
    private static final String SHAPE = "Send {\"comment\": \"why, e.g. how the handler's identity was checked\"}.";
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 20;

    private final Directory directory;
    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final HandlerSessions sessions;
    private final AuditTrail trail;
    private final SealedText sealing;
    private final SmallJsonBody body;
    private final JsonResponses responses;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    HandlerEndpoints(Directory directory, CredentialStore credentials, PasswordHasher hasher, HandlerSessions sessions,
            AuditTrail trail, SealedText sealing, SmallJsonBody body, JsonResponses responses, Clock clock) {
        this.directory = directory;
        this.credentials = credentials;
        this.hasher = hasher;
        this.sessions = sessions;
        this.trail = trail;
        this.sealing = sealing;
        this.body = body;
        this.responses = responses;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes(StepUp stepUp, ElevationCheck elevation) {
        RouterFunction<ServerResponse> acts = RouterFunctions
                .route(POST(HANDLERS + "/{userId}/unlock"), request -> act(request, "unlocked"))
                .andRoute(POST(HANDLERS + "/{userId}/reset-second-factor"),
                        request -> act(request, "second-factor-reset"))
                .andRoute(POST(HANDLERS + "/{userId}/reset-password"), request -> act(request, "password-reset"))
                .filter(stepUp.required()).filter(elevation.required());
        return RouterFunctions.route(GET(HANDLERS), this::list).and(acts);
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        return StoreCalls.blocking(() -> {
            Instant now = clock.instant();
            return Map.of("handlers", directory.handlers().stream()
                    .map(handler -> listed(handler, credentials.find(handler.userId()), now)).toList());
        }).flatMap(StoreCalls::ok);
    }

    private static Map<String, Object> listed(Handler handler, Optional<Credentials> held, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("userId", handler.userId());
        json.put("displayName", handler.displayName());
        json.put("organisation", handler.organisation());
        json.put("roles", handler.roles());
        json.put("status", handler.status().name().toLowerCase(Locale.ROOT));
        json.put("contractor", handler.contractor());
        json.put("accessExpires", handler.accessExpires().map(LocalDate::toString).orElse(null));
        json.put("locked", held.map(c -> c.lockedAt(now)).orElse(false));
        json.put("lockedUntil", held.filter(c -> c.lockedAt(now)).flatMap(Credentials::lockedUntil)
                .map(Instant::toString).orElse(null));
        json.put("failedLogins", held.map(Credentials::failedLogins).orElse(0));
        json.put("secondFactor", held.map(Credentials::mfaEnrolled).orElse(false));
        json.put("mustChangePassword", held.map(Credentials::mustChangePassword).orElse(false));
        return json;
    }

    private Mono<ServerResponse> act(ServerRequest request, String kind) {
        String userId = request.pathVariable("userId");
        StoreCalls.note(request, "account", userId, kind);
        return StoreCalls.caller(request).flatMap(actor -> body.read(request.exchange(), Set.of("comment"), SHAPE)
                .flatMap(form -> {
                    String comment = form.getOrDefault("comment", "").strip();
                    int length = comment.codePointCount(0, comment.length());
                    if (length < 10 || length > 2000) {
                        return error(request, HttpStatus.BAD_REQUEST, "Say why in 10 to 2000 characters. " + SHAPE);
                    }
                    if (actor.equals(userId)) {
                        return error(request, HttpStatus.FORBIDDEN, "Not for your own account: another "
                                + "administrator resets or unlocks it.");
                    }
                    Optional<Handler> handler = directory.handler(userId);
                    if (handler.isEmpty()) {
                        return error(request, HttpStatus.NOT_FOUND, "No handler with this user ID is in the directory.");
                    }
                    if (!kind.equals("unlocked") && AdministrationRoles.heldAmong(handler.get().roles())) {
                        return error(request, HttpStatus.FORBIDDEN, "An administrator's or auditor's password and "
                                + "second factor are not reset through the API (whoever reset both could act as them): "
                                + "they use their recovery codes, or the operator's procedure.");
                    }
                    if (!trail.available()) {
                        return error(request, HttpStatus.SERVICE_UNAVAILABLE, "The audit trail cannot record this "
                                + "now; nothing was changed. Try again shortly.");
                    }
                    return StoreCalls.blocking(() -> change(userId, kind, actor)).flatMap(result -> switch (
                            result.outcome()) {
                        case DONE -> done(userId, kind, actor, comment, result.password());
                        case UNKNOWN -> error(request, HttpStatus.NOT_FOUND, "This handler has no credentials here "
                                + "(they log in at an external provider).");
                        case OTHER_FACTOR_BY_SAME -> error(request, HttpStatus.FORBIDDEN, "You reset this handler's "
                                + (kind.equals("password-reset") ? "second factor" : "password") + ", which they have "
                                + "not replaced yet: another administrator resets the other, so that no one "
                                + "administrator can log in as them.");
                    });
                }));
    }

    /** What a change came to, and for a password reset the new password. */
    private record Changed(CredentialStore.Reset outcome, Optional<String> password) {
    }

    private Changed change(String userId, String kind, String actor) {
        switch (kind) {
            case "unlocked" -> {
                return new Changed(credentials.unlock(userId) ? CredentialStore.Reset.DONE
                        : CredentialStore.Reset.UNKNOWN, Optional.empty());
            }
            case "second-factor-reset" -> {
                return new Changed(credentials.resetSecondFactor(userId, actor), Optional.empty());
            }
            default -> {
                char[] password = new char[PASSWORD_LENGTH];
                for (int i = 0; i < password.length; i++) {
                    password[i] = PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length()));
                }
                String shown = new String(password);
                CredentialStore.Reset outcome = credentials.resetPassword(userId, hasher.hash(password),
                        clock.instant(), actor);
                java.util.Arrays.fill(password, '\0');
                return new Changed(outcome, outcome == CredentialStore.Reset.DONE ? Optional.of(shown)
                        : Optional.empty());
            }
        }
    }

    private Mono<ServerResponse> done(String userId, String kind, String actor, String comment,
            Optional<String> password) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "handler-credentials");
        record.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("kind", kind);
        record.put("handler", actor);
        record.put("account", userId);
        record.put("comment", sealing.seal(comment));
        Mono<Void> ended = kind.equals("unlocked") ? Mono.empty() : sessions.endAll(userId, kind);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("userId", userId);
        json.put("done", kind);
        password.ifPresent(shown -> {
            json.put("password", shown);
            json.put("note", "Shown once. Give it to the handler by another way than this answer (in person, by "
                    + "phone); they must replace it at their next login.");
        });
        // Sessions end first: a reset must hold even if its record then fails (the answer is then a 503).
        return ended.then(trail.record(record, List.of())).then(StoreCalls.ok(json));
    }

    private Mono<ServerResponse> error(ServerRequest request, HttpStatus status, String message) {
        return responses.errorResponse(request.exchange(), status, message);
    }
}
