package org.sekimori.gateway.support;

import java.io.IOException;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** The handlers of deploy/demo/directory.yaml, one per role, with their demo passwords. */
public enum DemoHandler {
    NURSE("nurse.sato", "nurse-demo-2026"),
    EPIDEMIOLOGIST("epi.suzuki", "epidemiologist-demo-2026"),
    CONTRACTOR("contractor.tanaka", "contractor-demo-2026"),
    RESEARCHER("researcher.ito", "researcher-demo-2026"),
    SECRETARIAT("secretariat.yamada", "secretariat-demo-2026"),
    ADMINISTRATOR("admin.watanabe", "administrator-demo-2026"),
    AUDITOR("auditor.kato", "auditor-demo-2026");

    /**
     * A second-factor code is good once per 30-second step, so a handler keeps the session of
     * their first login to a gateway, as a person at their desk would.
     */
    private static final java.util.Map<String, GatewayClient> SESSIONS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final String userId;
    private final String password;

    DemoHandler(String userId, String password) {
        this.userId = userId;
        this.password = password;
    }

    public String userId() {
        return userId;
    }

    /**
     * A new client of the gateway at {@code port}, logged in as this handler, that sends its CSRF
     * token on every request as a script would after reading it from the login answer. Like a
     * script calling curl once per request, it opens a new connection for each: on a reused
     * keep-alive connection the gateway (Reactor Netty 1.3.7) now and then stops reading the next
     * request, which AccessPolicyEndToEndTest shows on its own.
     */
    public GatewayClient login(int port) throws IOException, InterruptedException {
        return login(port, userId, password);
    }

    /** As {@link #login(int)}, for a handler of another directory that a test writes. */
    public static GatewayClient login(int port, String userId, String password)
            throws IOException, InterruptedException {
        GatewayClient kept = SESSIONS.get(port + "/" + userId);
        if (kept != null && kept.get("/api/session").statusCode() == 200) {
            return kept.sameSession();
        }
        GatewayClient client = new GatewayClient(port).header("Connection", "close");
        HttpResponse<String> login = client.login(userId, password);
        if (login.statusCode() == 202) {
            login = secondFactor(client, port, userId, GatewayClient.json(login));
        } else if (login.statusCode() == 200) {
            login = addSecondFactor(client, port, userId, password, GatewayClient.json(login));
        }
        if (login.statusCode() != 200) {
            throw new IllegalStateException(userId + " could not log in: " + login.statusCode() + " " + login.body());
        }
        client.header("X-CSRF-TOKEN", GatewayClient.json(login).path("csrfToken").asString());
        SESSIONS.put(port + "/" + userId, client);
        return client.sameSession();
    }

    /**
     * The second step of a handler whose roles require a second factor: enrol an authenticator at
     * the first login to this gateway, give its code at every later one.
     */
    private static HttpResponse<String> secondFactor(GatewayClient client, int port, String userId, JsonNode pending)
            throws IOException, InterruptedException {
        client.header("X-CSRF-TOKEN", pending.path("csrfToken").asString());
        if (pending.path("next").asString().equals("enrol-second-factor")) {
            JsonNode enrolment = GatewayClient.json(client.post("/api/session/totp", "{}"));
            Authenticator device = Authenticator.enrol(port, userId, enrolment.path("secret").asString());
            return client.post("/api/session/totp/confirm", "{\"code\": \"" + device.nextCode() + "\"}");
        }
        return client.post("/api/session/second-factor",
                "{\"code\": \"" + Authenticator.of(port, userId).nextCode() + "\"}");
    }

    /**
     * Every demo handler works with a second factor, as sensitive items need one: a handler whose
     * roles do not require it adds an authenticator at the first login, as a person would.
     */
    private static HttpResponse<String> addSecondFactor(GatewayClient client, int port, String userId,
            String password, JsonNode session)
            throws IOException, InterruptedException {
        client.header("X-CSRF-TOKEN", session.path("csrfToken").asString());
        JsonNode enrolment = GatewayClient.json(client.post("/api/session/totp",
                "{\"currentPassword\": \"" + password + "\"}"));
        Authenticator device = Authenticator.enrol(port, userId, enrolment.path("secret").asString());
        return client.post("/api/session/totp/confirm", "{\"code\": \"" + device.nextCode() + "\"}");
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
