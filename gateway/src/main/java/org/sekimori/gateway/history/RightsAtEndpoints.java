package org.sekimori.gateway.history;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sekimori.gateway.directory.CurrentDirectory;
import org.sekimori.gateway.grants.GrantRequestStore;
import org.sekimori.gateway.grants.StoreCalls;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Action;
import org.sekimori.policy.Decision;
import org.sekimori.policy.Principal;
import org.sekimori.policy.compile.CompiledPolicy;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.DataItem;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerStatus;
import org.sekimori.policy.model.Ledger;
import org.sekimori.policy.model.Purpose;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Who could do what with a data item at a past moment ("who could read medical history on 1
 * April?"), at {@value #RIGHTS}: the policy and the directory in force then (from their history),
 * with the grants from requests that held then, decide for every handler active then and every
 * purpose of the data system, as if they had asked at that moment with a second factor. Against
 * the ledger and subject register in force now; conditions on the client's network are judged for
 * the gateway's own address.
 */
final class RightsAtEndpoints {

    static final String RIGHTS = "/api/admin/rights-at";

    private final ConfigurationHistory history;
    private final CurrentPolicy policy;
    private final CurrentDirectory directory;
    private final GrantRequestStore requests;
    private final Ledger ledger;
    private final JsonResponses responses;

    RightsAtEndpoints(ConfigurationHistory history, CurrentPolicy policy, CurrentDirectory directory,
            GrantRequestStore requests, Ledger ledger, JsonResponses responses) {
        this.history = history;
        this.policy = policy;
        this.directory = directory;
        this.requests = requests;
        this.ledger = ledger;
        this.responses = responses;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(GET(RIGHTS), this::rights);
    }

    private Mono<ServerResponse> rights(ServerRequest request) {
        Optional<Instant> at = request.queryParam("at").flatMap(text -> PastMoment.parse(text, policy.zone()));
        Optional<DataSystem> system = request.queryParam("dataSystem").flatMap(ledger::dataSystem);
        Optional<String> item = request.queryParam("item").filter(name -> system.map(s -> s.items().stream()
                .map(DataItem::name).anyMatch(name::equals)).orElse(false));
        Optional<Action> action = action(request.queryParam("action").orElse("read"));
        if (at.isEmpty() || system.isEmpty() || item.isEmpty() || action.isEmpty()) {
            return error(request, HttpStatus.BAD_REQUEST, "Ask as ?at=2026-04-01T12:00:00%2B09:00 (or a date, meaning "
                    + "noon of it in the policy's zone)&dataSystem=<a data system of the ledger>&item=<one of its "
                    + "data items>[&action=read|input|update|delete|export|provide].");
        }
        request.exchange().getAttributes().put(org.sekimori.gateway.filter.ExchangeAttributes.AUDIT_QUERY, Map.of(
                "rightsAt", at.get().toString(), "dataSystem", system.get().id(), "item", item.get()));
        return StoreCalls.blocking(() -> {
            Optional<ConfigurationHistory.Version> policyThen = history.at(policy.name(), at.get());
            Optional<ConfigurationHistory.Version> directoryThen = history.at(directory.name(), at.get());
            if (policyThen.isEmpty() || directoryThen.isEmpty()) {
                return Optional.<Map<String, Object>>empty();
            }
            Directory handlers = directory.parsed(directoryThen.get().written().text());
            CompiledPolicy then = policy.compiled(policyThen.get().written().text(), requests.inForceAt(at.get())
                    .stream().map(held -> held.grant(handlers.handler(held.requester())
                            .map(h -> Set.copyOf(h.roles())).orElse(Set.of()))).toList());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("at", at.get().toString());
            json.put("dataSystem", system.get().id());
            json.put("item", item.get());
            json.put("action", action.get().name().toLowerCase(Locale.ROOT));
            json.put("policyVersion", policyThen.get().written().version());
            json.put("policyInForceFrom", policyThen.get().from().toString());
            json.put("directoryVersion", directoryThen.get().written().version());
            json.put("handlers", holders(then, handlers, system.get(), item.get(), action.get(), at.get()));
            return Optional.of(json);
        }).flatMap(found -> found.map(StoreCalls::ok).orElseGet(() -> StoreCalls.blocking(() ->
                history.since(policy.name())).flatMap(since -> error(request, HttpStatus.CONFLICT, "No record "
                        + "of the policy and directory in force at " + at.get() + ": the history starts at "
                        + since.map(Instant::toString).orElse("(none yet)") + "."))));
    }

    private List<Map<String, Object>> holders(CompiledPolicy then, Directory handlers, DataSystem system, String item,
            Action action, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, then.zone());
        List<Map<String, Object>> holders = new ArrayList<>();
        for (Handler handler : handlers.handlers()) {
            if (handler.status() != HandlerStatus.ACTIVE || handler.expiredOn(day)) {
                continue;
            }
            Principal principal = new Principal(handler.userId(), Set.copyOf(handler.roles()), true, handler
                    .attributes().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            entry -> Set.copyOf(entry.getValue()))));
            List<Map<String, Object>> purposes = new ArrayList<>();
            for (Purpose purpose : system.purposes()) {
                Decision decision = then.decide(new AccessRequest(principal, system.id(), action,
                        Optional.of(purpose.id()), Optional.empty(), Optional.empty(),
                        action.writes() ? Set.of(item) : Set.of(), Set.of(), InetAddress.getLoopbackAddress(), at));
                if (decision instanceof Decision.Permit permit
                        && !(permit.obligations().treatment(item) instanceof Treatment.Remove)) {
                    Map<String, Object> held = new LinkedHashMap<>();
                    held.put("purpose", purpose.id());
                    held.put("treatment", permit.obligations().treatment(item).label());
                    held.put("consentRequired", permit.obligations().consentGated().contains(item));
                    held.put("rule", permit.rule());
                    if (!permit.moreRules().isEmpty()) {
                        held.put("moreRules", permit.moreRules());
                    }
                    if (!permit.obligations().rows().everyRecord()) {
                        held.put("recordsWhere", permit.obligations().rows().item());
                    }
                    purposes.add(held);
                }
            }
            if (!purposes.isEmpty()) {
                Map<String, Object> holder = new LinkedHashMap<>();
                holder.put("userId", handler.userId());
                holder.put("displayName", handler.displayName());
                holder.put("roles", handler.roles());
                holder.put("purposes", purposes);
                holders.add(holder);
            }
        }
        return holders;
    }

    private static Optional<Action> action(String text) {
        for (Action action : Action.values()) {
            if (action.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    private Mono<ServerResponse> error(ServerRequest request, HttpStatus status, String message) {
        return responses.errorResponse(request.exchange(), status, message);
    }
}
