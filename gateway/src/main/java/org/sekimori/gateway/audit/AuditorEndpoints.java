package org.sekimori.gateway.audit;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.ChainVerifier;
import org.sekimori.gateway.audit.chain.ExportFile;
import org.sekimori.gateway.audit.chain.ExportLines;
import org.sekimori.gateway.audit.chain.Verification;
import org.sekimori.gateway.audit.chain.VerificationReport;
import org.sekimori.gateway.audit.store.TrailReader;
import org.sekimori.gateway.audit.store.TrailReader.Found;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.CheckpointPublicKey;
import org.sekimori.keys.SealedText;
import org.sekimori.keys.store.CheckpointKeyRing;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import org.sekimori.gateway.session.StepUp;
import reactor.core.scheduler.Schedulers;

/**
 * The auditor API (role {@code auditor}): search records, export them (CSV for people, NDJSON with
 * checkpoints for the verifier), read the checkpoints and the public key, open a sealed
 * justification. Each call is itself recorded, with the criteria it used.
 */
public final class AuditorEndpoints {

    static final String BASE = "/api/audit";
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final TrailReader search;
    private final AuditPseudonyms pseudonyms;
    private final SealedText sealing;
    private final CheckpointKeyRing signingKeys;
    private final ExportFiles files;
    private final Optional<Path> checkpointCopy;
    private final JsonResponses responses;

    AuditorEndpoints(TrailReader search, AuditPseudonyms pseudonyms, SealedText sealing,
            CheckpointKeyRing signingKeys, ExportFiles files, Optional<Path> checkpointCopy, JsonResponses responses) {
        this.search = search;
        this.pseudonyms = pseudonyms;
        this.sealing = sealing;
        this.signingKeys = signingKeys;
        this.files = files;
        this.checkpointCopy = checkpointCopy;
        this.responses = responses;
    }

    /** The routes; taking records out of the gateway and opening a justification need a recent second factor. */
    RouterFunction<ServerResponse> routes(StepUp stepUp) {
        RouterFunction<ServerResponse> privileged = RouterFunctions.route(GET(BASE + "/records.csv"), this::csv)
                .andRoute(GET(BASE + "/records/{chain}/{seq}/justification"), this::justification)
                .andRoute(GET(BASE + "/export"), this::export)
                .filter(stepUp.required());
        return privileged.andRoute(GET(BASE + "/records"), this::records)
                .andRoute(GET(BASE + "/checkpoints"), this::checkpoints)
                .andRoute(POST(BASE + "/verify"), this::verify)
                .andRoute(GET(BASE + "/public-key"), request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_PLAIN).bodyValue(publicKeys()));
    }

    /**
     * Every checkpoint key's public part as PEM, the active key's first, then the others oldest
     * first: checkpoints signed before a rotation are checked with the key that signed them.
     */
    private String publicKeys() {
        String active = signingKeys.ring().active().id();
        List<CheckpointPublicKey> keys = signingKeys.publicKeys();
        StringBuilder pem = new StringBuilder();
        keys.stream().filter(key -> key.id().equals(active)).forEach(key -> pem.append(key.toPem()));
        keys.stream().filter(key -> !key.id().equals(active)).forEach(key -> pem.append(key.toPem()));
        return pem.toString();
    }

    private Mono<ServerResponse> records(ServerRequest request) {
        return parsed(request, parsed -> blocking(() -> {
            List<Found> page = search.search(parsed.query());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("records", page.stream().map(found -> {
                Map<String, Object> listed = new LinkedHashMap<>();
                listed.put("id", found.entry().id());
                listed.put("hash", found.entry().hash());
                listed.put("record", found.entry().record());
                return listed;
            }).toList());
            if (page.size() == parsed.query().limit()) {
                body.put("next", AuditQueryParameters.cursor(page.get(page.size() - 1).cursor()));
            }
            return body;
        }).flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(body)));
    }

    private Mono<ServerResponse> csv(ServerRequest request) {
        return parsed(request, parsed -> blocking(() -> files.write("records", writer -> {
            writer.write(CsvReport.HEADER + "\r\n");
            for (Found found : search.search(parsed.query())) {
                writer.write(CsvReport.row(found.entry()));
            }
        })).flatMap(file -> send(file, CSV, "audit-records.csv")));
    }

    private Mono<ServerResponse> export(ServerRequest request) {
        Optional<String> only = request.queryParam("chain");
        note(request, only.map(chain -> Map.of("export", chain)).orElse(Map.of("export", "all")));
        return blocking(() -> files.write("export", writer -> {
            for (String chain : only.map(List::of).orElseGet(this::chains)) {
                search.export(chain, entry -> line(writer, ExportLines.of(entry)),
                        checkpoint -> line(writer, ExportLines.of(checkpoint)));
            }
        })).flatMap(file -> send(file, NDJSON, "audit-export.ndjson"));
    }

    /**
     * Verifies every chain in the store now, against the public part of every checkpoint key and, when there is
     * one, the copy of the checkpoints kept outside the store (read before the export, so the copy
     * cannot run ahead of it).
     */
    private Mono<ServerResponse> verify(ServerRequest request) {
        note(request, Map.of("verify", "all"));
        return blocking(() -> {
            Path copy = checkpointCopy.filter(Files::isReadable).map(this::snapshot).orElse(null);
            Path export = files.write("verify", writer -> {
                for (String chain : chains()) {
                    search.export(chain, entry -> line(writer, ExportLines.of(entry)),
                            checkpoint -> line(writer, ExportLines.of(checkpoint)));
                }
            });
            try {
                ChainVerifier verifier = new ChainVerifier(signingKeys.publicKeys());
                Verification verification = copy == null ? verifier.verify(ExportFile.lines(export))
                        : verifier.verify(ExportFile.lines(export), ExportFile.lines(copy));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("intact", verification.intact());
                body.put("checkpointCopy", copy != null);
                verification.problem().ifPresent(problem -> body.put("problem", Map.of("kind", problem.kind().name(),
                        "chain", problem.chain(), "seq", problem.seq(), "explanation", problem.explanation())));
                body.put("chains", verification.chains());
                body.put("report", VerificationReport.text(verification));
                return body;
            } finally {
                files.delete(export);
                if (copy != null) {
                    files.delete(copy);
                }
            }
        }).flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(body));
    }

    private Path snapshot(Path copy) {
        try {
            return files.write("checkpoint-copy", writer -> writer.write(Files.readString(copy)));
        } catch (IOException | SQLException e) {
            throw new StoreReadException(e);
        }
    }

    private Mono<ServerResponse> checkpoints(ServerRequest request) {
        note(request, Map.of("checkpoints", "all"));
        return blocking(() -> files.write("checkpoints", writer -> search.checkpoints(
                checkpoint -> line(writer, ExportLines.of(checkpoint)))))
                .flatMap(file -> send(file, NDJSON, "audit-checkpoints.ndjson"));
    }

    private Mono<ServerResponse> justification(ServerRequest request) {
        String chain = request.pathVariable("chain");
        long seq;
        try {
            seq = Long.parseLong(request.pathVariable("seq"));
        } catch (NumberFormatException e) {
            return error(request, HttpStatus.BAD_REQUEST, "A record is named by its chain and sequence number.");
        }
        note(request, Map.of("justificationOf", chain + ":" + seq));
        return blocking(() -> search.record(chain, seq)).flatMap(found -> {
            Optional<String> sealed = found.map(Found::entry).map(ChainEntry::record)
                    .map(record -> record.path("justification").asString(null));
            if (sealed.isEmpty()) {
                return error(request, HttpStatus.NOT_FOUND, "No record " + chain + ":" + seq
                        + " with a justification is in the trail.");
            }
            String justification;
            try {
                justification = sealing.open(sealed.get());
            } catch (IllegalArgumentException e) {
                return error(request, HttpStatus.CONFLICT, "The justification of " + chain + ":" + seq
                        + " does not open: it was altered, or sealed with a key this gateway does not hold.");
            }
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .bodyValue(Map.of("id", chain + ":" + seq, "justification", justification));
        });
    }

    private Mono<ServerResponse> parsed(ServerRequest request,
            java.util.function.Function<AuditQueryParameters.Parsed, Mono<ServerResponse>> answer) {
        AuditQueryParameters.Parsed parsed;
        try {
            parsed = AuditQueryParameters.parse(request.queryParams(), pseudonyms);
        } catch (AuditQueryParameters.Invalid e) {
            return error(request, HttpStatus.BAD_REQUEST, e.getMessage());
        }
        note(request, parsed.recorded());
        return answer.apply(parsed);
    }

    /** What the auditor asked, for the record of this request. */
    private static void note(ServerRequest request, Map<String, String> query) {
        request.exchange().getAttributes().put(ExchangeAttributes.AUDIT_QUERY, Map.copyOf(query));
    }

    private List<String> chains() {
        try {
            return search.chains();
        } catch (SQLException | IOException e) {
            throw new StoreReadException(e);
        }
    }

    private Mono<ServerResponse> send(Path file, MediaType type, String name) {
        return ServerResponse.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(BodyInserters.fromDataBuffers(DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance,
                        64 * 1024).doFinally(signal -> files.delete(file))));
    }

    private Mono<ServerResponse> error(ServerRequest request, HttpStatus status, String message) {
        return responses.errorResponse(request.exchange(), status, message);
    }

    private static void line(BufferedWriter writer, String line) {
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> Mono<T> blocking(StoreCall<T> call) {
        return Mono.fromCallable(() -> {
            try {
                return call.run();
            } catch (SQLException | IOException e) {
                throw new StoreReadException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @FunctionalInterface
    interface StoreCall<T> {
        T run() throws SQLException, IOException;
    }
}
