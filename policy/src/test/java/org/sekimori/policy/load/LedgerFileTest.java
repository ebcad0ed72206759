package org.sekimori.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.policy.model.Classification;
import org.sekimori.policy.model.DataItem;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;

class LedgerFileTest {

    private static final String VALID_SYSTEM = """
              - id: followup
                name: Follow-up service
                kind: Health follow-up records
                medium: Electronic
                storageLocation: Data centre
                responsible: Head of division
                retention: P3Y
                deletionMethod: Overwritten
                routes:
                  - {method: GET, path: "/subjects/{subject}", action: read, response: record}
                purposes:
                  - id: follow-up-care
                    description: Follow-up care
                items:
                  - name: id
                    classification: identifier
                    description: Record number
                    subjectKey: true
                  - name: medicalHistory
                    classification: sensitive
                    description: Medical history
            """;

    @TempDir
    Path dir;

    @Test
    void loadWhenDemoLedgerThenBothDataSystemsWithTheirPurposesAndItems() {
        Ledger ledger = LedgerFile.load(Path.of("../deploy/demo/ledger.yaml"));

        assertThat(ledger.dataSystems()).extracting(DataSystem::id).containsExactly("followup", "registry");
        DataSystem followup = ledger.dataSystem("followup").orElseThrow();
        assertThat(followup.purposes()).hasSize(7);
        assertThat(followup.retention()).isEqualTo(Period.ofYears(3));
        assertThat(followup.item("medicalHistory")).map(DataItem::classification).contains(Classification.SENSITIVE);
        assertThat(followup.items()).filteredOn(DataItem::subjectKey).extracting(DataItem::name).containsExactly("id");
    }

    @Test
    void loadWhenValidThenModelKeepsEveryField() throws IOException {
        Ledger ledger = LedgerFile.load(write("dataSystems:\n" + VALID_SYSTEM));

        DataSystem system = ledger.dataSystem("followup").orElseThrow();
        assertThat(system.name()).isEqualTo("Follow-up service");
        assertThat(system.storageLocation()).isEqualTo("Data centre");
        assertThat(system.responsible()).isEqualTo("Head of division");
        assertThat(system.deletionMethod()).isEqualTo("Overwritten");
        assertThat(system.purpose("follow-up-care")).isPresent();
        assertThat(system.item("id")).map(DataItem::classification).contains(Classification.IDENTIFIER);
    }

    @Test
    void loadWhenFileMissingThenErrorNamesTheFile() {
        Path missing = dir.resolve("nope.yaml");

        assertThat(LoadErrors.of(() -> LedgerFile.load(missing))).singleElement().asString()
                .startsWith(missing + ": no such file (working directory: ");
    }

    @Test
    void loadWhenEmptyThenSaysSo() throws IOException {
        Path file = write("# nothing\n");

        assertThat(LoadErrors.of(() -> LedgerFile.load(file))).containsExactly(file + ": the file is empty");
    }

    @Test
    void loadWhenYamlSyntaxBrokenThenLineOfTheProblem() throws IOException {
        Path file = write("dataSystems:\n  - id: followup\n    name: [unclosed\n");

        assertThat(LoadErrors.of(() -> LedgerFile.load(file))).singleElement().asString().startsWith(file + ":4: not valid YAML: ");
    }

    @Test
    void loadWhenNotUtf8ThenSaysSo() throws IOException {
        Path file = dir.resolve("ledger.yaml");
        Files.write(file, "dataSystems: \u00e9".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(LoadErrors.of(() -> LedgerFile.load(file))).containsExactly(file + ": not valid YAML: the file is not UTF-8");
    }

    @Test
    void loadWhenTopLevelIsAListThenSaysWhatIsExpected() throws IOException {
        Path file = write("- followup\n");

        assertThat(LoadErrors.of(() -> LedgerFile.load(file))).containsExactly(file + ":1: must be a mapping of dataSystems",
                file + ":1: dataSystems: is required and must list at least one entry");
    }

    @Test
    void loadWhenEverythingIsWrongThenEveryErrorInLineOrder() throws IOException {
        Path file = write("""
                dataSystems:
                  - id: Follow_Up
                    name: Follow-up service
                    kind: Health follow-up records
                    medium: Electronic
                    storageLocation: ""
                    retention: three years
                    deletionMethod: Overwritten
                    deletionMethod: Shredded
                    colour: blue
                    routes:
                      - {method: FETCH, path: subjects, action: peek}
                      - {method: GET, path: "/subjects/{subject}/{subject}", response: page}
                    purposes:
                      - id: care
                        description: Care
                      - id: care
                    items:
                      - name: id
                        classification: secret
                        description: Record number
                        subjectKey: yes
                      - name: id
                        description: Again
                """);

        assertThat(LoadErrors.of(() -> LedgerFile.load(file))).containsExactly(
                file + ":2: dataSystems[0].id: must be a lower-case name of letters, digits and '-', 2 to 32 "
                        + "characters, starting with a letter (like 'public-health'), not 'Follow_Up'",
                file + ":2: dataSystems[0].responsible: is required",
                file + ":6: dataSystems[0].storageLocation: must not be empty",
                file + ":7: dataSystems[0].retention: must be an ISO-8601 period such as P3Y (three years) or "
                        + "P18M, not 'three years'",
                file + ":9: dataSystems[0].deletionMethod: duplicate key (first given at line 8)",
                file + ":10: dataSystems[0].colour: unknown key; expected one of deletionMethod, id, items, kind, "
                        + "medium, name, purposes, responsible, retention, routes, storageLocation",
                file + ":12: dataSystems[0].routes[0].action: must be one of read, input, update, delete, export, "
                        + "provide, not 'peek'",
                file + ":12: dataSystems[0].routes[0].method: must be one of DELETE, GET, PATCH, POST, PUT, "
                        + "not 'FETCH'",
                file + ":12: dataSystems[0].routes[0].path: must start with '/' and list segments of letters, "
                        + "digits, '_', '.', '~' or '-', or {subject} for the subject key (like /subjects/{subject}), "
                        + "not 'subjects'",
                file + ":12: dataSystems[0].routes[0].response: is required: record, page, csv, none",
                file + ":13: dataSystems[0].routes[1].action: is required: read, input, update, delete, export, "
                        + "provide",
                file + ":13: dataSystems[0].routes[1].path: may name {subject} only once, not in "
                        + "'/subjects/{subject}/{subject}'",
                file + ":17: dataSystems[0].purposes[1].description: is required",
                file + ":17: dataSystems[0].purposes[1].id: purpose 'care' is already registered at line 15",
                file + ":19: dataSystems[0].items: exactly one item must be marked 'subjectKey: true' (the record "
                        + "key that identifies the person in this data system); found 0",
                file + ":20: dataSystems[0].items[0].classification: must be one of ordinary, identifier, "
                        + "sensitive, not 'secret'",
                file + ":22: dataSystems[0].items[0].subjectKey: must be true or false, not 'yes'",
                file + ":23: dataSystems[0].items[1].classification: is required: ordinary, identifier or sensitive",
                file + ":23: dataSystems[0].items[1].name: data item 'id' is already listed at line 19");
    }

    @Test
    void loadWhenDataSystemRegisteredTwiceThenBothLinesNamed() throws IOException {
        Path file = write("dataSystems:\n" + VALID_SYSTEM + VALID_SYSTEM);

        assertThat(LoadErrors.of(() -> LedgerFile.load(file))).containsExactly(
                file + ":23: dataSystems[1].id: data system 'followup' is already registered at line 2");
    }

    @Test
    void loadWhenRetentionNotPositiveThenRefused() throws IOException {
        Path file = write("dataSystems:\n" + VALID_SYSTEM.replace("P3Y", "P0D"));

        assertThat(LoadErrors.of(() -> LedgerFile.load(file))).containsExactly(file + ":8: dataSystems[0].retention: must be a positive period, "
                + "not 'P0D'");
    }

    @Test
    void loadWhenItemsIsAMappingThenShapeNamed() throws IOException {
        Path file = write("dataSystems:\n" + VALID_SYSTEM.replaceAll("(?s)    items:.*", "    items: {id: x}\n"));

        assertThat(LoadErrors.of(() -> LedgerFile.load(file))).containsExactly(file + ":15: dataSystems[0].items: must be a list, not a mapping");
    }

    @Test
    void loadWhenTagTriesToConstructAnObjectThenRefusedAsInvalidYaml() throws IOException {
        Path file = write("dataSystems:\n" + VALID_SYSTEM.replace("name: Follow-up service",
                "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]"));

        assertThat(LoadErrors.of(() -> LedgerFile.load(file))).containsExactly(file + ":3: not valid YAML: Global tag is not allowed: "
                + "tag:yaml.org,2002:javax.script.ScriptEngineManager");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("ledger.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
