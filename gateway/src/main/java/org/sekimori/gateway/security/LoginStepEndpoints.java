package org.sekimori.gateway.security;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sekimori.gateway.audit.ClientAddress;
import org.sekimori.gateway.audit.LoginEvents;
import org.sekimori.gateway.external.BearerTokenFilter;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.login.LoginFailure;
import org.sekimori.gateway.login.LoginProperties;
import org.sekimori.gateway.login.LoginStep;
import org.sekimori.gateway.login.PasswordChange;
import org.sekimori.gateway.login.SecondFactor;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.LoginStepPages;
import org.sekimori.keys.PasswordHasher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The login steps after the password: the second factor, its enrolment and a password change,
 * and the step-up before a privileged action. Scripts send JSON and get JSON; browsers post the
 * forms of {@value #NEXT_PAGE} and get the next page. Each completed step stores the login anew
 * under a new session id; a wrong code counts toward the lockout like a wrong password, and the
 * lock that results ends the session.
 */
public final class LoginStepEndpoints {

    static final String SECOND_FACTOR = "/api/session/second-factor";
    static final String TOTP = "/api/session/totp";
    static final String TOTP_CONFIRM = "/api/session/totp/confirm";
    static final String PASSWORD = "/api/session/password";
    static final String STEP_UP = "/api/session/step-up";
    /** The browser page of the step a login owes. */
    static final String NEXT_PAGE = "/login/next";
    private static final String ENROLLING = LoginStepEndpoints.class.getName() + ".enrolling";

    private final SecondFactor secondFactor;
    private final PasswordChange passwordChange;
    private final CredentialStore store;
    private final LoginProperties properties;
    private final ServerSecurityContextRepository contexts;
    private final JsonLoginResponses answers;
    private final SmallJsonBody body;
    private final ClientAddress clients;
    private final LoginEvents events;
    private final HandlerAuthenticationManager passwords;
    private final StepUp stepUp;
    private final Clock clock;

    public LoginStepEndpoints(SecondFactor secondFactor, PasswordChange passwordChange, CredentialStore store,
            LoginProperties properties, ServerSecurityContextRepository contexts, JsonLoginResponses answers,
            SmallJsonBody body, ClientAddress clients, LoginEvents events, HandlerAuthenticationManager passwords,
            StepUp stepUp, Clock clock) {
        this.clock = clock;
        this.stepUp = stepUp;
        this.secondFactor = secondFactor;
        this.passwordChange = passwordChange;
        this.store = store;
        this.properties = properties;
        this.contexts = contexts;
        this.answers = answers;
        this.body = body;
        this.clients = clients;
        this.events = events;
        this.passwords = passwords;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(POST(SECOND_FACTOR), this::secondFactor)
                .andRoute(POST(TOTP_CONFIRM), this::confirmTotp)
                .andRoute(POST(TOTP), this::startTotp)
                .andRoute(POST(PASSWORD), this::changePassword)
                .andRoute(POST(STEP_UP), this::stepUp)
                .filter(LoginStepEndpoints::pageOnFailure)
                .andRoute(GET(NEXT_PAGE), this::nextPage)
                .filter(this::sessionsOnly);
    }

    /**
     * The steps belong to a login session. A bearer token has none and must not make one: taken
     * from a script, it could otherwise enrol an authenticator or step up on the handler's behalf.
     */
    private Mono<ServerResponse> sessionsOnly(ServerRequest request, HandlerFunction<ServerResponse> next) {
        if (BearerTokenFilter.carriesBearer(request.exchange())) {
            request.exchange().getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE, "bearer-not-a-session");
            return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "Login steps belong to a login "
                    + "session, not to a bearer token: log in with POST /api/session or the browser form."));
        }
        return next.handle(request);
    }

    /** The page of the step a browser's login owes; a complete login goes on to the start page. */
    private Mono<ServerResponse> nextPage(ServerRequest request) {
        boolean failed = request.queryParam("error").isPresent();
        return request.exchange().getPrincipal().cast(Authentication.class).map(Authentication::getPrincipal)
                .flatMap(principal -> !(principal instanceof PendingLogin pending)
                        ? ServerResponse.seeOther(URI.create("/")).build()
                        : CsrfTokens.of(request.exchange()).flatMap(csrf -> page(request, pending, csrf, failed)));
    }

    private Mono<ServerResponse> page(ServerRequest request, PendingLogin pending, String csrf, boolean failed) {
        switch (pending.next()) {
            case SECOND_FACTOR:
                return html(HttpStatus.OK, LoginStepPages.secondFactor(csrf, failed));
            case CHANGE_PASSWORD:
                return html(HttpStatus.OK, LoginStepPages.passwordChange(csrf, passwordRules(), failed));
            default:
                String userId = pending.handler().userId();
                return request.exchange().getSession().flatMap(session -> {
                    String begun = session.getAttribute(ENROLLING);
                    SecondFactor.Enrolment enrolment = begun != null ? secondFactor.resume(userId, begun)
                            : secondFactor.start(userId);
                    session.getAttributes().put(ENROLLING, enrolment.secret());
                    return html(HttpStatus.OK, LoginStepPages.enrolment(csrf, enrolment.secret(),
                            enrolment.otpauthUri(), failed));
                });
        }
    }

    private List<String> passwordRules() {
        LoginProperties.Passwords rules = properties.passwords();
        return List.of("be at least " + rules.minLength() + " characters long (and at most "
                        + PasswordHasher.MAX_PASSWORD_CHARS + ")",
                "not contain your user ID",
                "not be your current password" + (rules.history() > 1
                        ? " or one of the " + (rules.history() - 1) + " before it" : ""));
    }

    /**
     * A browser's form post that fails goes back to its page with a notice, instead of the JSON
     * error a script gets.
     */
    private static Mono<ServerResponse> pageOnFailure(ServerRequest request, HandlerFunction<ServerResponse> next) {
        if (!isForm(request)) {
            return next.handle(request);
        }
        Mono<ServerResponse> back = ServerResponse.seeOther(URI.create(NEXT_PAGE + "?error")).build();
        return next.handle(request)
                .flatMap(response -> response.statusCode().isError() ? back : Mono.just(response))
                .onErrorResume(ResponseStatusException.class, failure -> back);
    }

    private static boolean isForm(ServerRequest request) {
        return request.headers().contentType().map(MediaType.APPLICATION_FORM_URLENCODED::isCompatibleWith)
                .orElse(false);
    }

    /** The named fields of a form post, or the members of a JSON body. */
    private Mono<Map<String, String>> fields(ServerRequest request, Set<String> names, String shape) {
        if (!isForm(request)) {
            return body.read(request.exchange(), names, shape);
        }
        return request.exchange().getFormData().map(form -> {
            Map<String, String> present = new java.util.HashMap<>();
            names.forEach(name -> {
                String value = form.getFirst(name);
                if (value != null && !value.isEmpty()) {
                    present.put(name, value);
                }
            });
            return present;
        });
    }

    /** A fresh second factor from a logged-in handler, before a privileged action (see {@link StepUp}). */
    private Mono<ServerResponse> stepUp(ServerRequest request) {
        String shape = "Send {\"code\": \"123456\"} from your authenticator app.";
        return request.exchange().getPrincipal().cast(Authentication.class).map(Authentication::getPrincipal)
                .cast(AuthenticatedHandler.class)
                .flatMap(handler -> fields(request, Set.of("code"), shape)
                        .flatMap(members -> members.containsKey("code") ? Mono.just(members)
                                : Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, shape)))
                        .flatMap(members -> slow(() -> secondFactor.verify(handler.userId(), members.get("code"))))
                        .flatMap(failure -> failure.isPresent()
                                ? refuse(request.exchange(), handler.userId(), failure.get(),
                                        "The code is wrong, or was used already. Wait for the next code and try again.")
                                : stepUp.confirmed(request.exchange()).then(json(HttpStatus.OK, Map.of("stepUp", true)))));
    }

    private Mono<ServerResponse> secondFactor(ServerRequest request) {
        String shape = "Send {\"code\": \"123456\"} from your authenticator app, or {\"recoveryCode\": \"...\"}.";
        return pending(request, LoginStep.SECOND_FACTOR).flatMap(pending -> fields(request,
                Set.of("code", "recoveryCode"), shape)
                .flatMap(members -> {
                    String userId = pending.handler().userId();
                    if (members.size() != 1) {
                        return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, shape));
                    }
                    Callable<Optional<LoginFailure>> check = members.containsKey("code")
                            ? () -> secondFactor.verify(userId, members.get("code"))
                            : () -> secondFactor.recover(userId, members.get("recoveryCode"));
                    return slow(check).flatMap(failure -> failure.isPresent()
                            ? refuse(request.exchange(), userId, failure.get(),
                                    "The code is wrong, or was used already. Wait for the next code and try again.")
                            : stepUp.confirmed(request.exchange()).then(advance(request.exchange(),
                                    pending.after(LoginStep.SECOND_FACTOR, true), Map.of())));
                }));
    }

    private Mono<ServerResponse> startTotp(ServerRequest request) {
        return enrollable(request).flatMap(handler -> passwordAgainUnlessLoggingIn(request, handler)).flatMap(handler -> {
            SecondFactor.Enrolment enrolment = secondFactor.start(handler.userId());
            return request.exchange().getSession()
                    .doOnNext(session -> session.getAttributes().put(ENROLLING, enrolment.secret()))
                    .then(json(HttpStatus.OK, Map.of("secret", enrolment.secret(), "otpauthUri",
                            enrolment.otpauthUri(), "how", "Add the secret to your authenticator app (or open the "
                                    + "otpauth URI), then POST " + TOTP_CONFIRM + " with {\"code\": \"123456\"}.")));
        });
    }

    private Mono<ServerResponse> confirmTotp(ServerRequest request) {
        String shape = "Send {\"code\": \"123456\"}: the code your authenticator app shows now.";
        return enrollable(request).flatMap(handler -> request.exchange().getSession().flatMap(session -> {
            String secret = session.getAttribute(ENROLLING);
            if (secret == null) {
                return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                        "No enrolment is under way: POST " + TOTP + " first."));
            }
            return fields(request, Set.of("code"), shape)
                    .flatMap(members -> members.containsKey("code") ? Mono.just(members)
                            : Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, shape)))
                    .flatMap(members -> slow(() -> secondFactor.confirm(handler.userId(), secret, members.get("code"))))
                    .flatMap(codes -> codes.isEmpty()
                            ? refuse(request.exchange(), handler.userId(), LoginFailure.MFA_FAILED,
                                    "The code does not match the secret: check the device's clock and try the next code.")
                            : enrolled(request, session, codes.get()));
        }));
    }

    private Mono<ServerResponse> enrolled(ServerRequest request, WebSession session, List<String> recoveryCodes) {
        session.getAttributes().remove(ENROLLING);
        session.getAttributes().put(StepUp.CONFIRMED_AT, java.time.Instant.now());
        Map<String, Object> extra = Map.of("recoveryCodes", recoveryCodes, "recoveryCodesNote",
                "Keep these codes somewhere safe: each lets you log in once without your authenticator. "
                        + "They are not shown again.");
        return request.exchange().getPrincipal().cast(Authentication.class).flatMap(login -> {
            if (login.getPrincipal() instanceof PendingLogin pending) {
                return advance(request.exchange(), completing(request.exchange(),
                        pending.after(LoginStep.ENROL_SECOND_FACTOR, true)), extra);
            }
            AuthenticatedHandler handler = ((AuthenticatedHandler) login.getPrincipal()).withMfa();
            return advance(request.exchange(), new PendingLogin(handler, Set.of()), extra);
        });
    }

    private Mono<ServerResponse> changePassword(ServerRequest request) {
        String shape = "Send {\"currentPassword\": \"...\", \"newPassword\": \"...\"}.";
        return request.exchange().getPrincipal().cast(Authentication.class).flatMap(login -> {
            Object principal = login.getPrincipal();
            if (principal instanceof PendingLogin pending && pending.next() != LoginStep.CHANGE_PASSWORD) {
                return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "Finish logging in first: "
                        + LoginStepHints.of(pending.next())));
            }
            PendingLogin changing = principal instanceof PendingLogin pending ? pending
                    : new PendingLogin((AuthenticatedHandler) principal, Set.of(LoginStep.CHANGE_PASSWORD));
            String userId = changing.handler().userId();
            String address = address(request.exchange());
            Set<String> names = isForm(request) ? Set.of("currentPassword", "newPassword", "repeatPassword")
                    : Set.of("currentPassword", "newPassword");
            return fields(request, names, shape)
                    .flatMap(members -> {
                        if (!members.keySet().containsAll(Set.of("currentPassword", "newPassword"))
                                || (isForm(request) && !members.get("newPassword").equals(members.get("repeatPassword")))) {
                            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, shape));
                        }
                        char[] current = members.get("currentPassword").toCharArray();
                        char[] replacement = members.get("newPassword").toCharArray();
                        return slow(() -> {
                            try {
                                return passwordChange.change(userId, current, replacement, address);
                            } finally {
                                Arrays.fill(current, '\0');
                                Arrays.fill(replacement, '\0');
                            }
                        });
                    })
                    .flatMap(problems -> {
                        if (problems.isEmpty()) {
                            PendingLogin next = changing.after(LoginStep.CHANGE_PASSWORD, false);
                            return advance(request.exchange(), principal instanceof PendingLogin
                                    ? completing(request.exchange(), next) : next, Map.of());
                        }
                        request.exchange().getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE,
                                LoginFailure.PASSWORD_REJECTED.code());
                        return json(HttpStatus.BAD_REQUEST, Map.of("status", 400, "error", "Bad Request",
                                "message", "The password was not changed.", "problems", problems));
                    });
        });
    }

    /** Notes, for the record of this step, that it completes a login (the last step a pending login owed). */
    private static PendingLogin completing(ServerWebExchange exchange, PendingLogin next) {
        if (next.complete()) {
            exchange.getAttributes().put(ExchangeAttributes.LOGIN_COMPLETED, true);
        }
        return next;
    }

    /** The pending login of the request, if {@code step} is what it owes next. */
    private Mono<PendingLogin> pending(ServerRequest request, LoginStep step) {
        return request.exchange().getPrincipal().cast(Authentication.class).flatMap(login -> {
            if (login.getPrincipal() instanceof PendingLogin pending && pending.next() == step) {
                return Mono.just(pending);
            }
            String why = login.getPrincipal() instanceof PendingLogin pending
                    ? "Finish logging in first: " + LoginStepHints.of(pending.next())
                    : "This session owes no " + step.code() + " step.";
            return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, why));
        });
    }

    /**
     * Who may enrol an authenticator: a login that owes the enrolment, or a complete one without an
     * authenticator yet. Replacing an enrolled one is an administrator's reset, never a session's.
     */
    private Mono<AuthenticatedHandler> enrollable(ServerRequest request) {
        return request.exchange().getPrincipal().cast(Authentication.class).flatMap(login -> {
            if (login.getPrincipal() instanceof PendingLogin pending) {
                return pending.next() == LoginStep.ENROL_SECOND_FACTOR ? Mono.just(pending.handler())
                        : Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                                "Finish logging in first: " + LoginStepHints.of(pending.next())));
            }
            AuthenticatedHandler handler = (AuthenticatedHandler) login.getPrincipal();
            return slow(() -> store.find(handler.userId()).map(c -> c.mfaEnrolled()).orElse(true))
                    .flatMap(enrolled -> enrolled
                            ? Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "An authenticator is "
                                    + "enrolled already; an administrator can reset it if it was lost."))
                            : Mono.just(handler));
        });
    }

    /**
     * A login under way has just given the password. A complete session has not lately: whoever
     * holds it (a browser left open) must give the password again before adding an authenticator,
     * which would otherwise lock the handler out of their own account.
     */
    private Mono<AuthenticatedHandler> passwordAgainUnlessLoggingIn(ServerRequest request, AuthenticatedHandler handler) {
        String shape = "Send {\"currentPassword\": \"...\"}: adding an authenticator to a logged-in session "
                + "needs your password again.";
        return request.exchange().getPrincipal().cast(Authentication.class).flatMap(login -> {
            if (login.getPrincipal() instanceof PendingLogin) {
                return Mono.just(handler);
            }
            return fields(request, Set.of("currentPassword"), shape)
                    .flatMap(members -> members.containsKey("currentPassword") ? Mono.just(members.get("currentPassword"))
                            : Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, shape)))
                    .flatMap(password -> {
                        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(handler.userId(), password);
                        attempt.setDetails(new LoginAttempt(address(request.exchange())));
                        return passwords.authenticate(attempt).thenReturn(handler);
                    })
                    .onErrorResume(LoginRefusedException.class, refused -> refused(request.exchange(),
                            handler.userId(), refused.refusal().failure(), refused.refusal().count(),
                            HandlerAuthenticationManager.FAILURE));
        });
    }

    /** Stores the login after a step (a new session id) and answers with what is owed next, if anything. */
    private Mono<ServerResponse> advance(ServerWebExchange exchange, PendingLogin next, Map<String, Object> extra) {
        Authentication authentication = HandlerAuthentications.of(next);
        HandlerAttributeFilter.note(exchange, authentication);
        Object principal = authentication.getPrincipal();
        if (exchange.getRequest().getHeaders().getContentType() != null
                && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(exchange.getRequest().getHeaders().getContentType())) {
            return contexts.save(exchange, new SecurityContextImpl(authentication)).then(browserAnswer(next, extra));
        }
        return contexts.save(exchange, new SecurityContextImpl(authentication))
                .then(answers.sessionBody(exchange, principal))
                .flatMap(session -> {
                    session.putAll(extra);
                    return json(next.complete() ? HttpStatus.OK : HttpStatus.ACCEPTED, session);
                });
    }

    /** A browser goes on to the next step's page, or home; after an enrolment, it sees its recovery codes first. */
    @SuppressWarnings("unchecked")
    private static Mono<ServerResponse> browserAnswer(PendingLogin next, Map<String, Object> extra) {
        if (next.complete() && extra.containsKey("recoveryCodes")) {
            return html(HttpStatus.OK, LoginStepPages.recoveryCodes((List<String>) extra.get("recoveryCodes")));
        }
        return ServerResponse.seeOther(URI.create(next.complete() ? "/" : NEXT_PAGE)).build();
    }

    private static Mono<ServerResponse> html(HttpStatus status, String page) {
        return ServerResponse.status(status).contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store")
                .bodyValue(page);
    }

    /**
     * A failed step: noted for the record and counted toward the lockout; if that locks the
     * account, the session ends, so the next try must start again from the password.
     */
    private Mono<ServerResponse> refuse(ServerWebExchange exchange, String userId, LoginFailure failure, String message) {
        return slow(() -> store.countFailure(Optional.of(userId), address(exchange), clock.instant(), properties.lockout()))
                .flatMap(count -> refused(exchange, userId, failure, count, message));
    }

    /** A failure already counted: recorded, and the session ended if the count locked the account. */
    private <T> Mono<T> refused(ServerWebExchange exchange, String userId, LoginFailure failure,
            CredentialStore.FailureCount count, String message) {
        exchange.getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE, failure.code());
        Mono<Void> lock = count.accountLocked()
                ? events.lockout(exchange, Optional.of(userId), "account",
                        clock.instant().plus(properties.lockout().duration()))
                        .then(exchange.getSession().flatMap(WebSession::invalidate))
                : Mono.empty();
        return lock.then(Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED, message)));
    }

    private String address(ServerWebExchange exchange) {
        return clients.of(exchange.getRequest()).getHostAddress();
    }

    private <T> Mono<T> slow(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(passwords.scheduler());
    }

    private static Mono<ServerResponse> json(HttpStatus status, Object body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").bodyValue(body);
    }
}
