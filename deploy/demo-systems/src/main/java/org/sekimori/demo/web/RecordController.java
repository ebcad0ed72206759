package org.sekimori.demo.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.sekimori.demo.schema.CsvColumns;
import org.sekimori.demo.store.RecordStore;
import org.sekimori.demo.system.DemoDataSystem;

/**
 * The records of whichever system is running. Paths here are relative: {@link WebConfiguration}
 * mounts this controller under the system's resource name ({@code /subjects} or {@code /members}).
 */
@RestController
public class RecordController {

    /** One page of a listing. */
    public record RecordPage(List<JsonNode> items, int page, int size, long total) {
    }

    private final DemoDataSystem system;
    private final RecordStore store;
    private final QueryParameters queries;
    private final JsonBodies bodies;
    private final Clock clock;
    private final CsvColumns csvColumns;

    public RecordController(DemoDataSystem system, RecordStore store, QueryParameters queries, JsonBodies bodies,
            Clock clock) {
        this.system = system;
        this.store = store;
        this.queries = queries;
        this.bodies = bodies;
        this.clock = clock;
        this.csvColumns = new CsvColumns(system.schema().layout());
    }

    @GetMapping
    public RecordPage list(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters.Listing listing = queries.listing(parameters);
        long total = store.count(listing.query());
        List<JsonNode> items = store.page(listing.query(), listing.offset(), listing.size());
        return new RecordPage(items, listing.page(), listing.size(), total);
    }

    @GetMapping("/{id}")
    public JsonNode get(@PathVariable String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<JsonNode> create(@RequestBody byte[] body) {
        ObjectNode fields = system.schema().validate(bodies.parse(body), null);
        Instant now = now();
        ObjectNode created = store.insert(number -> system.schema().assemble(system.ids().format(number), fields, now));
        String id = created.get(system.schema().idField()).stringValue();
        return ResponseEntity.created(URI.create("/" + system.resource() + "/" + id)).body(created);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode replace(@PathVariable String id, @RequestBody byte[] body) {
        JsonNode parsed = bodies.parse(body);
        if (!store.exists(id)) {
            throw notFound(id);
        }
        ObjectNode record = system.schema().assemble(id, system.schema().validate(parsed, id), now());
        if (!store.replace(id, record)) {
            throw notFound(id);
        }
        return record;
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        if (!store.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** Rows go to the client as they are read, so an export never sits whole in memory. */
    @GetMapping("/export.csv")
    public void export(@RequestParam MultiValueMap<String, String> parameters, HttpServletResponse response)
            throws IOException {
        var query = queries.export(parameters);
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + system.resource() + ".csv\"");
        CsvWriter csv = new CsvWriter(response.getWriter());
        csv.row(csvColumns.header());
        store.forEach(query, record -> csv.row(csvColumns.row(record)));
        response.getWriter().flush();
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    private ApiException notFound(String id) {
        return ApiException.notFound("There is no " + system.recordNoun() + " with id " + id + ". Ids look like "
                + system.ids().example() + "; GET /" + system.resource() + " lists them.");
    }
}
