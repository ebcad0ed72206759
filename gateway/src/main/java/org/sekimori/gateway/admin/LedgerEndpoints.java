package org.sekimori.gateway.admin;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.policy.compile.CompiledPolicy;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Ledger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The generated ledger (個人情報管理台帳) at {@value #LEDGER}: JSON, {@code .csv} and a printable
 * {@code .html}. Generated afresh at each request from the ledger file, the policy in force, the
 * directory and each data system's own count of its records, so it cannot drift from what the
 * gateway enforces. The record of the request notes the format asked for ({@code query.ledger}).
 */
public final class LedgerEndpoints {

    /** Where the ledger is served; {@code .csv} and {@code .html} after it for those formats. */
    public static final String LEDGER = "/api/admin/ledger";
    /** Every path of the ledger: fixed, holding no identifier, so a refused request's record may name it. */
    public static final Set<String> PATHS = Set.of(LEDGER, LEDGER + ".csv", LEDGER + ".html");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Ledger ledger;
    private final Directory directory;
    private final CurrentPolicy policy;
    private final RecordCounts counts;
    private final Clock clock;

    LedgerEndpoints(Ledger ledger, Directory directory, CurrentPolicy policy, RecordCounts counts, Clock clock) {
        this.ledger = ledger;
        this.directory = directory;
        this.policy = policy;
        this.counts = counts;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(GET(LEDGER), request -> serve(request, "json", report ->
                        ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL,
                                "no-store").bodyValue(LedgerJson.of(report))))
                .andRoute(GET(LEDGER + ".csv"), request -> serve(request, "csv", report ->
                        ServerResponse.ok().contentType(CSV).header(HttpHeaders.CACHE_CONTROL, "no-store")
                                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ledger-"
                                        + FILE_TIME.format(report.generatedAt()) + ".csv\"")
                                .bodyValue(LedgerCsv.of(report))))
                .andRoute(GET(LEDGER + ".html"), request -> serve(request, "html", report ->
                        ServerResponse.ok().contentType(HTML).header(HttpHeaders.CACHE_CONTROL, "no-store")
                                .header("Content-Security-Policy", LedgerHtml.CONTENT_SECURITY_POLICY)
                                .bodyValue(LedgerHtml.of(report))));
    }

    private Mono<ServerResponse> serve(ServerRequest request, String format,
            Function<LedgerReport, Mono<ServerResponse>> answer) {
        request.exchange().getAttributes().put(ExchangeAttributes.AUDIT_QUERY, Map.of("ledger", format));
        return generate().flatMap(answer);
    }

    /** Asks every data system for its count at once; each answers or times out on its own. */
    Mono<LedgerReport> generate() {
        CompiledPolicy inForce = policy.inForce();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, inForce.zone());
        return Flux.fromIterable(ledger.dataSystems()).map(DataSystem::id)
                .flatMap(id -> counts.of(id).map(count -> Map.entry(id, count)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(found -> LedgerReport.of(ledger, inForce, directory, found, now, today));
    }
}
