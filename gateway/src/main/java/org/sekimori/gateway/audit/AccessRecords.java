package org.sekimori.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sekimori.gateway.admin.LedgerEndpoints;
import org.sekimori.gateway.export.Protection;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.tokens.TokenEndpoints;
import org.sekimori.gateway.route.DataSystemPaths;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.security.PendingLogin;
import org.sekimori.keys.SealedText;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Decision;
import org.sekimori.policy.Decision.Deny;
import org.sekimori.policy.Decision.Permit;
import org.sekimori.policy.RouteTable;
import org.sekimori.policy.mask.MaskReport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the record of one request from what the filters learnt about it. Only names and counts go
 * in, never values: the route's template rather than the path (which holds identifiers), item names
 * and their treatment, subjects and sessions as pseudonyms, a justification sealed.
 */
public final class AccessRecords {

    /** Where a request that matched no route went: its path is not recorded, it could hold anything. */
    static final String UNROUTED = "(unrouted)";
    private static final int MAX_USER_AGENT = 256;

    private final AuditPseudonyms pseudonyms;
    private final SealedText sealing;
    private final ClientAddress clients;

    public AccessRecords(AuditPseudonyms pseudonyms, SealedText sealing, ClientAddress clients) {
        this.pseudonyms = pseudonyms;
        this.sealing = sealing;
        this.clients = clients;
    }

    /**
     * When a record is made: as a write is forwarded (before the data system has it), as the
     * answer is released, or when the client went away before an answer.
     */
    public enum Stage { FORWARDING, ANSWERED, CANCELLED }

    /** Subject pseudonyms one record lists at most, which keeps every record line well under a mebibyte. */
    static final int MAX_SUBJECTS_PER_RECORD = 10_000;

    /**
     * A record and the subject pseudonyms to index it by. An answer that named more subjects than
     * one record lists goes on in {@code subjects} records with the same correlation.
     */
    public record Made(ObjectNode record, List<String> subjects) {

        /** This record, then its continuations, in the order they are written. */
        public List<Made> parts() {
            if (subjects.size() <= MAX_SUBJECTS_PER_RECORD) {
                return List.of(this);
            }
            int count = (subjects.size() + MAX_SUBJECTS_PER_RECORD - 1) / MAX_SUBJECTS_PER_RECORD;
            List<Made> parts = new ArrayList<>(count);
            ObjectNode first = record.deepCopy();
            first.put("subjectParts", count);
            parts.add(new Made(first, subjects.subList(0, MAX_SUBJECTS_PER_RECORD)));
            for (int part = 2; part <= count; part++) {
                List<String> chunk = subjects.subList((part - 1) * MAX_SUBJECTS_PER_RECORD,
                        Math.min(subjects.size(), part * MAX_SUBJECTS_PER_RECORD));
                ObjectNode continued = JsonNodeFactory.instance.objectNode();
                continued.put("event", "subjects");
                continued.set("time", record.get("time"));
                continued.set("correlation", record.get("correlation"));
                continued.set("dataSystem", record.get("dataSystem"));
                continued.put("part", part);
                continued.put("of", count);
                chunk.forEach(continued.putArray("subjects")::add);
                parts.add(new Made(continued, chunk));
            }
            return parts;
        }
    }

    public Made of(ServerWebExchange exchange, Instant start, long startNanos, Optional<String> sessionId,
            Stage stage) {
        ServerHttpRequest request = exchange.getRequest();
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        String event = event(request);
        record.put("event", event);
        record.put("time", start.truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("correlation", ExchangeAttributes.correlationId(exchange));
        AuthenticatedHandler handler = exchange.getAttribute(ExchangeAttributes.HANDLER);
        if (handler != null) {
            record.put("handler", handler.userId());
            ArrayNode roles = record.putArray("roles");
            handler.roles().forEach(roles::add);
            record.put("authentication", handler.method().label());
            record.put("mfa", handler.mfa());
        }
        sessionId.ifPresent(id -> record.put("session", pseudonyms.session(id)));
        record.put("client", clients.of(request).getHostAddress());
        String userAgent = request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
        if (userAgent != null) {
            record.put("userAgent", userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT)
                    : userAgent);
        }
        record.put("method", request.getMethod().name());
        record.put("route", route(exchange));
        if (!"access".equals(event)) {
            login(exchange, event, handler, record);
        }
        String failure = exchange.getAttribute(ExchangeAttributes.AUTHENTICATION_FAILURE);
        if (failure != null) {
            record.put("failure", failure);
        }
        Map<String, String> query = exchange.getAttribute(ExchangeAttributes.AUDIT_QUERY);
        if (query != null) {
            ObjectNode asked = record.putObject("query");
            new TreeMap<>(query).forEach(asked::put);
        }
        List<String> subjects = access(exchange, record);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        switch (stage) {
            case FORWARDING -> record.put("outcome", "forwarding");
            case CANCELLED -> record.put("outcome", "cancelled");
            case ANSWERED -> record.put("status", status == null ? 200 : status.value());
        }
        long bytes = exchange.getResponse().getHeaders().getContentLength();
        if (bytes >= 0) {
            record.put("bytes", bytes);
        }
        record.put("durationMs", (System.nanoTime() - startNanos) / 1_000_000);
        return new Made(record, subjects);
    }

    /**
     * What became of a login step: success, failure, or pending with the step still owed (a
     * pending login names its handler, whose password was right).
     */
    private void login(ServerWebExchange exchange, String event, AuthenticatedHandler handler, ObjectNode record) {
        if (event.equals("logout")) {
            return;
        }
        PendingLogin pending = exchange.getAttribute(ExchangeAttributes.PENDING_LOGIN);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        boolean refused = exchange.getAttribute(ExchangeAttributes.AUTHENTICATION_FAILURE) != null
                || (status != null && status.isError());
        if (handler == null && pending != null) {
            record.put("handler", pending.handler().userId());
        }
        if (handler == null && pending != null && !refused) {
            record.put("outcome", "pending");
            record.put("next", pending.next().code());
        } else if (event.equals("login")) {
            record.put("outcome", handler != null && !refused ? "success" : "failure");
        } else {
            record.put("outcome", refused ? "failure" : "success");
        }
        if (!refused && exchange.getAttribute(ExchangeAttributes.LOGIN_COMPLETED) != null) {
            record.put("loginCompleted", true);
        }
        String typed = exchange.getAttribute(ExchangeAttributes.TYPED_USER_ID);
        if (handler == null && pending == null && typed != null) {
            record.put("typedUserId", pseudonyms.typedUserId(typed));
        }
    }

    private List<String> access(ServerWebExchange exchange, ObjectNode record) {
        AccessRequest request = exchange.getAttribute(ExchangeAttributes.ACCESS_REQUEST);
        if (request == null) {
            return List.of();
        }
        String dataSystem = request.dataSystem();
        record.put("dataSystem", dataSystem);
        record.put("action", request.action().name().toLowerCase(java.util.Locale.ROOT));
        request.purpose().ifPresent(purpose -> record.put("purpose", purpose));
        request.exception().ifPresent(claim -> {
            record.put("exception", claim.exception());
            record.put("justification", sealing.seal(claim.justification()));
        });
        Decision decision = exchange.getAttribute(ExchangeAttributes.DECISION);
        if (decision != null) {
            record.put("decision", decision instanceof Permit ? "permit" : "deny");
            record.put("rule", decision.rule());
            if (decision instanceof Deny deny) {
                record.put("reason", deny.reason().code());
            }
            if (decision instanceof Permit permit && !permit.moreRules().isEmpty()) {
                permit.moreRules().forEach(record.putArray("moreRules")::add);
            }
            if (decision instanceof Permit permit && !permit.withheld().isEmpty()) {
                // Removed for want of a second factor, not for want of a grant: worth telling apart in a review.
                permit.withheld().forEach(record.putArray("withoutSecondFactor")::add);
            }
        }
        MaskReport report = exchange.getAttribute(ExchangeAttributes.MASK_REPORT);
        Map<String, String> items = new TreeMap<>();
        request.itemsWritten().forEach(item -> items.put(item, "written"));
        if (report != null && decision instanceof Permit permit) {
            report.itemsSeen().forEach(item -> items.put(item, permit.obligations().treatment(item).label()));
            record.put("records", report.recordsReturned());
            if (report.recordsWithheld() > 0) {
                record.put("withheld", report.recordsWithheld());
            }
        } else if (!request.itemsWritten().isEmpty() || request.action().writes()) {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            record.put("records", status != null && status.is2xxSuccessful() ? 1 : 0);
        }
        if (!items.isEmpty()) {
            ObjectNode touched = record.putObject("items");
            items.forEach(touched::put);
        }
        Protection protection = exchange.getAttribute(ExchangeAttributes.EXPORT_PROTECTION);
        if (protection != null) {
            ObjectNode encrypted = record.putObject("protection");
            encrypted.put("exportId", protection.exportId());
            encrypted.put("method", protection.method());
            protection.recipient().ifPresent(recipient -> encrypted.put("recipient", recipient));
            protection.key().ifPresent(key -> encrypted.put("key", key));
        }
        if (!request.itemsFiltered().isEmpty()) {
            ArrayNode filtered = record.putArray("filteredBy");
            new TreeSet<>(request.itemsFiltered()).forEach(filtered::add);
        }
        Set<String> subjects = new TreeSet<>();
        request.subject().ifPresent(subject -> subjects.add(pseudonyms.subject(dataSystem, subject)));
        if (report != null) {
            report.returnedSubjects().forEach(subject -> subjects.add(pseudonyms.subject(dataSystem, subject)));
        }
        if (!subjects.isEmpty()) {
            ArrayNode listed = record.putArray("subjects");
            subjects.stream().limit(MAX_SUBJECTS_PER_RECORD).forEach(listed::add);
        }
        return new ArrayList<>(subjects);
    }

    private static String event(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST) {
            if (path.startsWith("/api/exports/")) {
                return "export-password";
            }
            switch (path) {
                case "/login", "/api/session", "/api/session/second-factor":
                    return "login";
                case "/api/session/totp/confirm":
                    return "mfa-enrolment";
                case "/api/session/password":
                    return "password-change";
                case "/api/session/step-up":
                    return "step-up";
                case TokenEndpoints.TOKEN:
                    return "token";
                default:
                    break;
            }
        }
        if (method == HttpMethod.GET && path.equals(TokenEndpoints.AUTHORIZE)) {
            return "authorize";
        }
        if (method == HttpMethod.GET && path.startsWith(org.sekimori.gateway.external.OidcBrowserLogin.CALLBACK)) {
            return "login";
        }
        if ((method == HttpMethod.POST && path.equals("/logout"))
                || (method == HttpMethod.DELETE && path.equals("/api/session"))) {
            return "logout";
        }
        return "access";
    }

    private static String route(ServerWebExchange exchange) {
        RouteTable.Found found = exchange.getAttribute(ExchangeAttributes.DATA_SYSTEM_ROUTE);
        String dataSystem = exchange.getAttribute(ExchangeAttributes.DATA_SYSTEM);
        if (found != null && dataSystem != null) {
            return DataSystemPaths.prefix(dataSystem) + found.route().template();
        }
        Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern instanceof PathPattern matched) {
            return matched.getPatternString();
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.equals("/login") || path.equals("/logout") || path.equals("/api/session")
                || LedgerEndpoints.PATHS.contains(path) ? path : UNROUTED;
    }
}
