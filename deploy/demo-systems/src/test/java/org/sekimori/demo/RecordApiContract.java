package org.sekimori.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.sekimori.demo.Http.Reply;
import org.sekimori.demo.system.DemoDataSystem;

/**
 * The REST contract both systems share, run against a real server on a random port with a fresh
 * H2 database in a temporary directory. Subclasses supply the system-specific records and filters.
 * Tests that change data work on records they create themselves, so the generated ones stay put.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sekimori.demo.subjects=" + RecordApiContract.SUBJECTS)
@DirtiesContext // closes the database before the temporary directory is removed
@ExtendWith(OutputCaptureExtension.class)
abstract class RecordApiContract {

    static final int SUBJECTS = 200;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storeInTemporaryDirectory(DynamicPropertyRegistry registry) {
        registry.add("sekimori.demo.data-dir", () -> dataDir.toString());
    }

    /** A query and the records it must select, judged on the full data independently of the server. */
    record FilterCase(Map<String, String> parameters, Predicate<JsonNode> selects) {
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoDataSystem system;

    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    abstract String systemName();

    /** A valid request body for a new record (no id). */
    abstract ObjectNode newRecord();

    /** A body with several different mistakes, and the field path of each, in reporting order. */
    abstract ObjectNode recordWithMistakes();

    abstract List<String> pathsOfMistakes();

    /** Changes {@code body} in a way a later GET can see. */
    abstract void change(ObjectNode body);

    abstract boolean showsChange(JsonNode record);

    abstract List<FilterCase> filterCases();

    abstract Map<String, String> invalidFilter();

    abstract List<String> csvHeader();

    /** A column whose generated values include commas, so the export has to quote them. */
    abstract String columnWithCommas();

    abstract String otherSystemsResource();

    /** A field that takes any short text, to carry a recognisable marker. */
    abstract String freeTextField();

    String collection() {
        return "/" + system.resource();
    }

    String idField() {
        return system.schema().idField();
    }

    @Test
    void runsTheChosenSystem() {
        assertThat(system.name()).isEqualTo(systemName());
        Reply health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
        assertThat(health.json().get("system").stringValue()).isEqualTo(systemName());
        assertThat(health.json().get("records").longValue()).isEqualTo(total(Map.of()));
    }

    @Test
    void storesExactlyTheGeneratedRecords() {
        List<ObjectNode> generated = system.syntheticRecords(system.defaultSeed(), 5).toList();
        JsonNode items = http.get(collection() + "?size=5").json().get("items");
        for (int i = 0; i < generated.size(); i++) {
            assertThat(Http.JSON.writeValueAsString(items.get(i)))
                    .isEqualTo(Http.JSON.writeValueAsString(generated.get(i)));
        }
    }

    @Test
    void listsPagesInIdOrderWithDefaults() {
        Reply first = http.get(collection());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("application/json");
        JsonNode page = first.json();
        assertThat(page.get("page").intValue()).isZero();
        assertThat(page.get("size").intValue()).isEqualTo(50);
        assertThat(page.get("total").longValue()).isGreaterThanOrEqualTo(SUBJECTS);
        assertThat(ids(page)).hasSize(50).startsWith(system.ids().format(1), system.ids().format(2));

        List<String> pageOne = ids(http.get(collection() + "?page=0&size=10").json());
        List<String> pageTwo = ids(http.get(collection() + "?page=1&size=10").json());
        assertThat(pageOne).hasSize(10).isSorted();
        assertThat(pageTwo).hasSize(10).isSorted().doesNotContainAnyElementsOf(pageOne);
        assertThat(pageTwo.get(0)).isEqualTo(system.ids().format(11));

        long total = page.get("total").longValue();
        JsonNode last = http.get(collection() + "?size=7&page=" + (total - 1) / 7).json();
        assertThat(last.get("items").size()).isEqualTo((int) (total - (total - 1) / 7 * 7));
        assertThat(http.get(collection() + "?size=7&page=" + ((total - 1) / 7 + 1)).json().get("items").size()).isZero();
    }

    @Test
    void refusesBadPagingAndUnknownParametersListingEachProblem() {
        Reply reply = http.get(collection() + "?page=-1&size=501&colour=red");
        assertError(reply, 400);
        assertThat(paths(reply.json())).containsExactlyInAnyOrder("page", "size", "colour");

        assertError(http.get(collection() + "?size=0"), 400);
        assertError(http.get(collection() + "?page=first"), 400);
        assertError(http.get(collection() + "?size=1&size=2"), 400);
        assertError(http.rawGet(collection() + "?sex=%zz"), 400);
    }

    @Test
    void eachFilterSelectsExactlyTheMatchingRecords() {
        List<JsonNode> everything = all(Map.of());
        for (FilterCase filter : filterCases()) {
            List<String> expected = everything.stream().filter(filter.selects())
                    .map(record -> record.get(idField()).stringValue()).toList();
            List<JsonNode> found = all(filter.parameters());
            assertThat(expected).as("test data for %s", filter.parameters()).isNotEmpty();
            assertThat(found.stream().map(record -> record.get(idField()).stringValue()).toList())
                    .as("records selected by %s", filter.parameters())
                    .isEqualTo(expected);
            assertThat(total(filter.parameters())).isEqualTo(expected.size());
        }
    }

    @Test
    void refusesAFilterValueTheFieldCouldNeverHold() {
        Reply reply = http.get(collection() + "?" + query(invalidFilter()));
        assertError(reply, 400);
        assertThat(paths(reply.json())).containsExactlyElementsOf(invalidFilter().keySet());
    }

    @Test
    void getsOneRecordById() {
        String id = system.ids().format(3);
        Reply reply = http.get(collection() + "/" + id);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get(idField()).stringValue()).isEqualTo(id);
        assertThat(Http.JSON.writeValueAsString(reply.json()))
                .isEqualTo(Http.JSON.writeValueAsString(all(Map.of()).get(2)));
    }

    @Test
    void answers404ForAnUnknownId() {
        assertError(http.get(collection() + "/" + system.ids().format(999_999)), 404);
        assertError(http.get(collection() + "/nonsense"), 404);
    }

    @Test
    void createsARecordWithTheNextIdAndALocation() {
        Reply created = http.post(collection(), newRecord().toString());
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get(idField()).stringValue();
        assertThat(system.ids().numberOf(id)).isGreaterThan(SUBJECTS);
        assertThat(created.header("Location")).isEqualTo(collection() + "/" + id);
        assertThat(created.json().get("updatedAt").stringValue()).endsWith("Z");

        Reply fetched = http.get(created.header("Location"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(created.json());
        ObjectNode sent = newRecord();
        sent.properties().forEach(field ->
                assertThat(fetched.json().get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue()));
    }

    @Test
    void refusesAnIdChosenByTheClient() {
        ObjectNode body = newRecord().put(idField(), system.ids().format(1));
        Reply reply = http.post(collection(), body.toString());
        assertError(reply, 400);
        assertThat(paths(reply.json())).containsExactly(idField());
    }

    @Test
    void listsEveryValidationProblem() {
        Reply reply = http.post(collection(), recordWithMistakes().toString());
        assertError(reply, 400);
        assertThat(paths(reply.json())).containsExactlyElementsOf(pathsOfMistakes());
        for (JsonNode problem : reply.json().get("problems")) {
            assertThat(reply.json().get("message").stringValue()).contains(problem.stringValue());
        }
    }

    @Test
    void refusesAnUnknownField() {
        Reply reply = http.post(collection(), newRecord().put("favouriteColour", "blue").toString());
        assertError(reply, 400);
        assertThat(reply.json().get("problems").get(0).stringValue()).startsWith("favouriteColour: unknown field");
    }

    @Test
    void refusesMalformedJson() {
        Reply reply = http.post(collection(), "{\"name\": ");
        assertError(reply, 400);
        assertThat(reply.json().get("message").stringValue()).contains("not valid JSON");

        assertError(http.post(collection(), "[]"), 400);
        assertError(http.post(collection(), "{} {}"), 400);
        assertError(http.send("POST", collection(), "application/json", null, null), 400);
    }

    @Test
    void refusesABodyThatIsNotJson() {
        Reply reply = http.send("POST", collection(), "text/plain", newRecord().toString(), null);
        assertError(reply, 415);
        assertThat(reply.json().get("message").stringValue()).contains("application/json");
    }

    @Test
    void replacesARecordKeepingItsId() {
        String location = http.post(collection(), newRecord().toString()).header("Location");
        ObjectNode body = (ObjectNode) http.get(location).json();
        change(body);

        Reply updated = http.put(location, body.toString());
        assertThat(updated.status()).isEqualTo(200);
        assertThat(showsChange(updated.json())).isTrue();
        assertThat(showsChange(http.get(location).json())).isTrue();

        body.remove(idField());
        assertThat(http.put(location, body.toString()).status()).as("id may be left out").isEqualTo(200);

        body.put(idField(), system.ids().format(1));
        Reply wrongId = http.put(location, body.toString());
        assertError(wrongId, 400);
        assertThat(paths(wrongId.json())).containsExactly(idField());

        assertError(http.put(collection() + "/" + system.ids().format(999_999), newRecord().toString()), 404);
        assertError(http.put(location, recordWithMistakes().toString()), 400);
    }

    @Test
    void deletesARecord() {
        String location = http.post(collection(), newRecord().toString()).header("Location");
        Reply deleted = http.delete(location);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertError(http.get(location), 404);
        assertError(http.delete(location), 404);
    }

    @Test
    void exportsCsvWithQuotedCellsAndFilters() {
        Reply export = http.get(collection() + "/export.csv", "text/csv");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        List<List<String>> rows = Csv.parse(export.body());
        assertThat(rows.get(0)).containsExactlyElementsOf(csvHeader());
        assertThat(rows).hasSize((int) total(Map.of()) + 1).allSatisfy(row -> assertThat(row).hasSize(csvHeader().size()));
        assertThat(rows.get(1).get(0)).isEqualTo(system.ids().format(1));

        int column = csvHeader().indexOf(columnWithCommas());
        String withComma = rows.stream().skip(1).map(row -> row.get(column)).filter(cell -> cell.contains(","))
                .findFirst().orElseThrow();
        assertThat(export.body()).contains("\"" + withComma.replace("\"", "\"\"") + "\"");

        FilterCase filter = filterCases().get(0);
        List<List<String>> filtered = Csv.parse(http.get(collection() + "/export.csv?" + query(filter.parameters()), null).body());
        assertThat(filtered).hasSize((int) total(filter.parameters()) + 1);

        assertError(http.get(collection() + "/export.csv?page=1"), 400);
    }

    @Test
    void answers405AsJsonForAMethodAPathDoesNotSupport() {
        Reply onCollection = http.delete(collection());
        assertError(onCollection, 405);
        assertThat(onCollection.header("Allow")).contains("GET").contains("POST");

        Reply onRecord = http.send("PATCH", collection() + "/" + system.ids().format(1), "application/json", "{}", null);
        assertError(onRecord, 405);
        assertThat(onRecord.json().get("message").stringValue()).contains("PATCH");
    }

    @Test
    void answers404AsJsonForUnknownPathsWhateverTheClientAccepts() {
        assertError(http.get("/nothing/here"), 404);
        assertError(http.get("/" + otherSystemsResource()), 404);
        assertError(http.get("/nothing", "text/html"), 404);
        assertError(http.get("/error", "text/html"), 404);
        assertError(http.rawGet(collection() + "/%"), 400);
    }

    @Test
    void neverLogsRecordValues(CapturedOutput output) {
        String marker = "Zq7-unlogged-" + System.nanoTime();
        ObjectNode body = newRecord().put(freeTextField(), marker);
        String location = http.post(collection(), body.toString()).header("Location");
        assertThat(location).isNotNull();
        http.put(location, body.put("unknown-" + marker, marker).toString());
        http.post(collection(), "{\"" + marker + "\": ");
        http.get(collection() + "?" + marker + "=" + marker);
        http.get("/" + marker);
        http.delete(location);

        assertThat(output.getAll()).doesNotContain(marker).doesNotContain(location.substring(location.lastIndexOf('/') + 1));
    }

    void assertError(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode error = reply.json();
        assertThat(error.get("status").intValue()).isEqualTo(status);
        assertThat(error.get("error").stringValue()).isNotBlank();
        assertThat(error.get("message").stringValue()).isNotBlank();
        assertThat(error.propertyNames()).isSubsetOf("status", "error", "message", "problems");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** The field path each problem names, e.g. "postalAddress.postalCode". */
    static List<String> paths(JsonNode error) {
        List<String> paths = new ArrayList<>();
        error.get("problems").forEach(problem -> paths.add(problem.stringValue().split(":")[0]));
        return paths;
    }

    List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get(idField()).stringValue()));
        return ids;
    }

    List<JsonNode> all(Map<String, String> filter) {
        Reply reply = http.get(collection() + "?size=500&" + query(filter));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.json().get("items").forEach(items::add);
        assertThat(items).hasSize((int) reply.json().get("total").longValue());
        return items;
    }

    long total(Map<String, String> filter) {
        return http.get(collection() + "?size=1&" + query(filter)).json().get("total").longValue();
    }

    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
