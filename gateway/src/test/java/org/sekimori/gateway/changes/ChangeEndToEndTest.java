package org.sekimori.gateway.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.DemoSystems;
import org.sekimori.gateway.support.GatewayClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Four-eyes changes to the access policy and the directory through the running gateway, on copies
 * of the demo files with a second administrator: proposed with every error listed, approved by
 * another administrator and then in force at once, never by the proposer, never onto a version
 * that changed since, never leaving no administrator or auditor, and each step in the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "sekimori.policy-reload-interval=1h",
        "sekimori.admin.elevation.required=false"})
class ChangeEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SECOND = "admin.second";
    static final String RIGHTS = "/api/admin/rights-at";
    static final String EPIDEMIOLOGIST_AGE = "      age: age-band-10\n      sex: show\n";

    @TempDir
    static Path dataDir;

    static Path policyFile;
    static DemoSystems demo;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void files(DynamicPropertyRegistry properties) throws Exception {
        Path demoDir = Path.of("../deploy/demo");
        policyFile = dataDir.resolve("policy.yaml");
        Files.copy(demoDir.resolve("policy.yaml"), policyFile);
        Files.copy(demoDir.resolve("holidays-jp.yaml"), dataDir.resolve("holidays-jp.yaml"));
        String directory = Files.readString(demoDir.resolve("directory.yaml"));
        String adminHash = hashOf(directory, "admin.watanabe");
        Files.writeString(dataDir.resolve("directory.yaml"), directory + "  - userId: " + SECOND + "\n"
                + "    displayName: Second Administrator\n    roles: [administrator]\n    passwordHash: \"" + adminHash
                + "\"\n");
        Files.copy(demoDir.resolve("subjects.yaml"), dataDir.resolve("subjects.yaml"));
        Files.copy(demoDir.resolve("ledger.yaml"), dataDir.resolve("ledger.yaml"));
        properties.add("sekimori.ledger", () -> dataDir.resolve("ledger.yaml").toString());
        properties.add("sekimori.subjects", () -> dataDir.resolve("subjects.yaml").toString());
        properties.add("sekimori.policy", policyFile::toString);
        properties.add("sekimori.directory", () -> dataDir.resolve("directory.yaml").toString());
        demo = DemoSystems.start(properties, dataDir);
    }

    @AfterAll
    static void stopUpstreams() {
        demo.close();
    }

    @Test
    void approvedChangeIsInForceAtOnceAndTheFileHoldsItWhole() throws Exception {
        String before = Files.readString(policyFile);
        String after = before.replace(EPIDEMIOLOGIST_AGE, "      age: age-band-10\n      occupation: show\n"
                + "      sex: show\n");
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");
        assertThat(occupationShown(epidemiologist)).isFalse();

        JsonNode proposed = proposed(first(), after, "The cluster study needs occupations for the whole month.");
        assertThat(proposed.path("state").asString()).isEqualTo("pending");
        assertThat(proposed.path("linesAdded").asInt()).isEqualTo(1);
        assertThat(proposed.path("linesRemoved").asInt()).isZero();
        assertThat(proposed.path("diff").asString()).contains("\n+      occupation: show\n");
        assertThat(Files.readString(policyFile)).as("nothing applied yet").isEqualTo(before);
        assertThat(occupationShown(epidemiologist)).isFalse();

        HttpResponse<String> approved = second().post(path(proposed, "approve"),
                comment("Checked against the study protocol."));

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(GatewayClient.json(approved).path("state").asString()).isEqualTo("applied");
        assertThat(GatewayClient.json(approved).path("decision").path("by").asString()).isEqualTo(SECOND);
        assertThat(Files.readString(policyFile)).isEqualTo(after);
        assertThat(occupationShown(epidemiologist)).isTrue();
        assertThat(GatewayClient.json(first().get("/api/admin/ledger")).path("policyVersion").asString())
                .isEqualTo(proposed.path("proposedVersion").asString());
        assertThat(dataDir.toFile().list()).as("no temporary file left beside the policy")
                .noneMatch(name -> name.startsWith(".policy"));
    }

    @Test
    void proposalWithErrorsListsEveryOneAndStoresNothing() throws Exception {
        String before = Files.readString(policyFile);
        String broken = before.replaceFirst("      sex: show\n", "      shoeSize: show\n")
                .replace("    role: contractor\n", "    role: janitor\n");
        String withoutAuditors = before.replace("  - id: auditor\n", "  - id: inspector\n");
        int listed = changes().size();

        List<String> errors = errors(first().post(ChangeEndpoints.POLICY_CHANGES, proposal(broken,
                "Two mistakes in one proposal, both to be reported.")));
        List<String> auditless = errors(first().post(ChangeEndpoints.POLICY_CHANGES, proposal(withoutAuditors,
                "Auditors are called inspectors from now on.")));

        assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e).startsWith("proposed policy.yaml:"));
        assertThat(errors.get(0)).contains("'shoeSize' is not in data system 'followup'");
        assertThat(errors.get(1)).contains("role 'janitor' is not declared");
        assertThat(auditless).anySatisfy(e -> assertThat(e).contains("auditor.kato").contains("'auditor'"))
                .anySatisfy(e -> assertThat(e).contains("the role 'auditor' must stay declared"));
        assertThat(changes()).hasSize(listed);
        assertThat(first().post(ChangeEndpoints.POLICY_CHANGES, "{\"text\": \"zone: UTC\"}").statusCode())
                .as("a reason is required").isEqualTo(400);
    }

    @Test
    void proposerCannotApproveAndADecidedChangeStaysDecided() throws Exception {
        String before = Files.readString(policyFile);
        String after = before.replaceFirst("justificationMinLength: [0-9]+", "justificationMinLength: 50");
        JsonNode proposed = proposed(first(), after, "Longer justifications for exceptions, as audit asked.");

        HttpResponse<String> own = first().post(path(proposed, "approve"), comment("I approve my own change."));
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(DemoHandler.NURSE.login(port).post(path(proposed, "approve"), comment("A nurse approving it."))
                .statusCode()).isEqualTo(403);
        assertThat(second().post(path(proposed, "reject"), comment("Fifty is too long for night shifts."))
                .statusCode()).isEqualTo(200);

        HttpResponse<String> late = second().post(path(proposed, "approve"), comment("Approving after all."));

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(GatewayClient.json(late).path("message").asString()).startsWith("This change is rejected (by "
                + SECOND);
        assertThat(Files.readString(policyFile)).isEqualTo(before);
    }

    @Test
    void changeProposedAgainstAnOlderPolicyIsNeverApplied() throws Exception {
        String base = Files.readString(policyFile);
        JsonNode one = proposed(first(), base.replaceFirst("justificationMinLength: [0-9]+",
                "justificationMinLength: 45"),
                "Forty-five characters is what the committee agreed.");
        JsonNode other = proposed(first(), base.replace("    to: \"20:00\"", "    to: \"19:00\""),
                "Business hours end at seven from next month on.");
        assertThat(second().post(path(one, "approve"), comment("As the committee agreed.")).statusCode())
                .isEqualTo(200);

        HttpResponse<String> stale = second().post(path(other, "approve"), comment("Hours change next month."));

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(GatewayClient.json(stale).path("message").asString()).startsWith("The policy changed since");
        assertThat(GatewayClient.json(first().get(path(other, null))).path("state").asString()).isEqualTo("pending");
        assertThat(Files.readString(policyFile)).contains("justificationMinLength: 45").contains("to: \"20:00\"");
        assertThat(first().post(path(other, "withdraw"), "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void everyStepIsInTheAuditTrailWithTheReasonSealed() throws Exception {
        String reason = "Contractors need a second factor from December on.";
        String after = Files.readString(policyFile).replace("  - id: contractor\n    description: Staff of the "
                + "contractor operating the messaging service\n", "  - id: contractor\n    description: Staff of the "
                + "contractor operating the messaging service\n    requireMfa: true\n");
        JsonNode proposed = proposed(first(), after, reason);
        second().post(path(proposed, "reject"), comment("Not before the contractor has the devices."));

        List<JsonNode> records = AuditJournal.records(dataDir).stream()
                .filter(r -> r.path("event").asString().equals("policy-change")
                        && r.path("changeId").asString().equals(proposed.path("id").asString())).toList();

        assertThat(records).extracting(r -> r.path("kind").asString()).containsExactly("proposed", "rejected");
        assertThat(records.get(0).path("handler").asString()).isEqualTo("admin.watanabe");
        assertThat(records.get(1).path("handler").asString()).isEqualTo(SECOND);
        assertThat(records.get(0).path("linesAdded").asInt()).isEqualTo(1);
        assertThat(records.get(0).path("baseVersion").asString()).matches("[0-9a-f]{12}");
        assertThat(records.toString()).doesNotContain(reason).doesNotContain("devices");
    }

    @Test
    void newHandlerApprovedInTheDirectoryLogsInWithTheInitialPassword() throws Exception {
        String before = Files.readString(directoryFile());
        String nurseHash = hashOf(before, "nurse.sato");
        String after = before + "  - userId: nurse.kobayashi\n    displayName: Kobayashi Mai\n    roles: [nurse]\n"
                + "    attributes:\n      areas: [相馬市]\n    passwordHash: \"" + nurseHash + "\"\n";
        assertThat(new GatewayClient(port).login("nurse.kobayashi", "nurse-demo-2026").statusCode()).isEqualTo(401);

        JsonNode proposed = proposed(first(), ChangeEndpoints.DIRECTORY_CHANGES, after,
                "Kobayashi joins the Soso follow-up team on Monday.");
        assertThat(proposed.path("diff").asString()).contains("+  - userId: nurse.kobayashi\n");
        assertThat(second().post(path(ChangeEndpoints.DIRECTORY_CHANGES, proposed, "approve"),
                comment("Confirmed with the division head.")).statusCode()).isEqualTo(200);

        assertThat(Files.readString(directoryFile())).isEqualTo(after);
        GatewayClient kobayashi = DemoHandler.login(port, "nurse.kobayashi", "nurse-demo-2026")
                .purpose("follow-up-care");
        assertThat(kobayashi.get("/systems/followup/subjects?size=3").statusCode()).isEqualTo(200);
    }

    @Test
    void disablingAHandlerEndsTheirSessionsAndLogins() throws Exception {
        GatewayClient researcher = DemoHandler.RESEARCHER.login(port).purpose("academic-research");
        assertThat(researcher.get("/systems/followup/subjects?size=3").statusCode()).isEqualTo(200);
        String before = Files.readString(directoryFile());
        String after = before.replace("    roles: [researcher]\n", "    roles: [researcher]\n    status: disabled\n");

        JsonNode proposed = proposed(first(), ChangeEndpoints.DIRECTORY_CHANGES, after,
                "Ito left the university at the end of November.");
        assertThat(second().post(path(ChangeEndpoints.DIRECTORY_CHANGES, proposed, "approve"),
                comment("Confirmed by the university's notice.")).statusCode()).isEqualTo(200);

        assertThat(researcher.get("/systems/followup/subjects?size=3").statusCode()).isEqualTo(401);
        assertThat(new GatewayClient(port).login("researcher.ito", "researcher-demo-2026").statusCode())
                .isEqualTo(401);
        assertThat(AuditJournal.records(dataDir)).anySatisfy(r -> {
            assertThat(r.path("event").asString()).isEqualTo("session-ended");
            assertThat(r.path("handler").asString()).isEqualTo("researcher.ito");
            assertThat(r.path("reason").asString()).isEqualTo("directory-change");
        });
    }

    @Test
    void handlerRemovedAndAddedAgainStartsFromTheNewEntryNotTheOldCredentials() throws Exception {
        assertThat(new GatewayClient(port).login("contractor.tanaka", "contractor-demo-2026").statusCode())
                .isEqualTo(200);
        String before = Files.readString(directoryFile());
        int start = before.indexOf("  - userId: contractor.tanaka\n");
        int end = before.indexOf("  - userId:", start + 1);
        String entry = before.substring(start, end);
        String without = before.substring(0, start) + before.substring(end);
        approved(proposed(first(), ChangeEndpoints.DIRECTORY_CHANGES, without, "Tanaka's contract ended."));
        assertThat(new GatewayClient(port).login("contractor.tanaka", "contractor-demo-2026").statusCode())
                .isEqualTo(401);

        String again = entry.replace(hashOf(entry, "contractor.tanaka"), hashOf(before, "nurse.sato"));
        approved(proposed(first(), ChangeEndpoints.DIRECTORY_CHANGES, Files.readString(directoryFile()) + again,
                "Tanaka returns under a new contract."));

        assertThat(new GatewayClient(port).login("contractor.tanaka", "contractor-demo-2026").statusCode())
                .as("the old password went with the old entry").isEqualTo(401);
        assertThat(new GatewayClient(port).login("contractor.tanaka", "nurse-demo-2026").statusCode())
                .isEqualTo(200);
    }

    private void approved(JsonNode proposed) throws Exception {
        assertThat(second().post(path(ChangeEndpoints.DIRECTORY_CHANGES, proposed, "approve"),
                comment("Checked against the contract register.")).statusCode()).isEqualTo(200);
    }

    @Test
    void directoryLeavingNoAdministratorOrNamingUnknownRolesIsRefusedWithEveryError() throws Exception {
        String before = Files.readString(directoryFile());
        String noAdministrators = before.replaceAll("(roles: \\[[^\\]]*)administrator", "$1auditor")
                .replace("    roles: [nurse]\n", "    roles: [nurse, janitor]\n");

        List<String> errors = errors(first().post(ChangeEndpoints.DIRECTORY_CHANGES, proposal(noAdministrators,
                "Administration moves to the audit office.")));

        assertThat(errors).anySatisfy(e -> assertThat(e).contains("role 'janitor' is not declared"))
                .anySatisfy(e -> assertThat(e).contains("the role 'administrator' must be held by an active handler"));
        assertThat(Files.readString(directoryFile())).isEqualTo(before);
    }

    @Test
    void administrationRolesAreKeptApartFromDataRolesAndFromData() throws Exception {
        String directory = Files.readString(directoryFile());
        List<String> promoted = errors(first().post(ChangeEndpoints.DIRECTORY_CHANGES, proposal(directory.replace(
                "    roles: [secretariat]\n", "    roles: [secretariat, administrator]\n"),
                "Yamada stands in for the administrator in December.")));
        String policy = Files.readString(policyFile);
        List<String> seeing = errors(first().post(ChangeEndpoints.POLICY_CHANGES, proposal(policy.replace(
                "  - id: contractor-maintenance\n    role: contractor\n", "  - id: contractor-maintenance\n"
                        + "    role: auditor\n"), "Auditors check the maintenance view themselves.")));

        assertThat(promoted).anySatisfy(e -> assertThat(e).contains("secretariat.yamada")
                .contains("an administrator or auditor holds no other role"));
        assertThat(seeing).anySatisfy(e -> assertThat(e).contains("gives the role 'auditor' access to a data system"));
        assertThat(Files.readString(directoryFile())).isEqualTo(directory);
    }

    @Test
    void rightsAtAPastMomentComeFromThePolicyAndDirectoryInForceThen() throws Exception {
        Instant before = Instant.now();
        String current = Files.readString(policyFile);
        String after = current.replace("      age: age-band-10\n", "      age: age-band-10\n"
                + "      location: prefecture\n");
        assertThat(after).isNotEqualTo(current);
        JsonNode proposed = proposed(first(), after, "Where people are, by prefecture, for the spread map.");
        assertThat(second().post(path(proposed, "approve"), comment("Prefecture level only, as agreed."))
                .statusCode()).isEqualTo(200);
        Instant applied = Instant.now();

        assertThat(holders(before, "location")).doesNotContain("epi.suzuki");
        JsonNode now = GatewayClient.json(first().get(RIGHTS + "?at=" + at(applied) + "&dataSystem=followup"
                + "&item=location"));
        assertThat(now.path("policyVersion").asString()).isEqualTo(proposed.path("proposedVersion").asString());
        assertThat(ids(now)).contains("epi.suzuki", "nurse.sato");
        JsonNode epidemiologist = holder(now, "epi.suzuki").path("purposes").get(0);
        assertThat(epidemiologist.path("treatment").asString()).isEqualTo("prefecture");
        assertThat(epidemiologist.path("rule").asString()).isEqualTo("grant/epidemiologist-outbreak-analysis");
        JsonNode nurse = holder(now, "nurse.sato").path("purposes").get(0);
        assertThat(nurse.path("recordsWhere").asString()).isEqualTo("residenceArea");
        assertThat(holders(applied, "medicalHistory")).contains("nurse.sato").doesNotContain("epi.suzuki");

        assertThat(first().get(RIGHTS + "?at=2020-04-01&dataSystem=followup&item=location").statusCode())
                .as("before the history starts").isEqualTo(409);
        assertThat(first().get(RIGHTS + "?at=2026-04-01&dataSystem=followup&item=shoeSize").statusCode())
                .isEqualTo(400);
    }

    private List<String> holders(Instant moment, String item) throws Exception {
        return ids(GatewayClient.json(first().get(RIGHTS + "?at=" + at(moment) + "&dataSystem=followup&item="
                + item)));
    }

    private static String at(Instant moment) {
        return moment.toString().replace(":", "%3A");
    }

    private static List<String> ids(JsonNode rights) {
        List<String> ids = new ArrayList<>();
        rights.path("handlers").forEach(holder -> ids.add(holder.path("userId").asString()));
        return ids;
    }

    private static JsonNode holder(JsonNode rights, String userId) {
        for (JsonNode holder : rights.path("handlers")) {
            if (holder.path("userId").asString().equals(userId)) {
                return holder;
            }
        }
        throw new AssertionError(userId + " holds nothing");
    }

    @Test
    void useStopApprovedInTheSubjectRegisterWithholdsTheSubjectAtOnce() throws Exception {
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");
        int before = GatewayClient.json(epidemiologist.get("/systems/followup/subjects?size=100")).path("items").size();
        String register = Files.readString(dataDir.resolve("subjects.yaml"));
        String stopped = register.replace("useStopped: [F00007, F00042]", "useStopped: [F00007, F00042, F00003]");
        assertThat(stopped).isNotEqualTo(register);
        assertThat(errors(first().post("/api/admin/subjects-changes", proposal(stopped.replace("followup:",
                "payroll:"), "A register naming a data system the ledger lacks.")))).anySatisfy(error ->
                        assertThat(error).contains("payroll"));

        JsonNode proposed = proposed(first(), "/api/admin/subjects-changes", stopped,
                "F00003 asked on 2 December to stop the use of their data (form 12).");
        assertThat(second().post(path("/api/admin/subjects-changes", proposed, "approve"),
                comment("Form 12 checked against the registry.")).statusCode()).isEqualTo(200);

        assertThat(GatewayClient.json(epidemiologist.get("/systems/followup/subjects?size=100")).path("items").size())
                .isEqualTo(before - 1);
        assertThat(Files.readString(dataDir.resolve("subjects.yaml"))).isEqualTo(stopped);
    }

    @Test
    void ledgerChangesItsPurposesUnderFourEyesButNeverWhatThePolicyNeedsOrTheRouting() throws Exception {
        Path ledgerFile = dataDir.resolve("ledger.yaml");
        String ledger = Files.readString(ledgerFile);
        String purpose = "      - id: outbreak-analysis\n";
        String added = ledger.replace(purpose, "      - id: vaccination-planning\n        description: Planning "
                + "vaccination rounds by district\n" + purpose);
        String withoutOccupation = ledger.replaceFirst("      - name: occupation\n(        .*\n)+?(      - name:)", "$2");
        String withoutRoute = ledger.replace("      - {method: GET, path: \"/subjects/{subject}\", action: read, "
                + "response: record}\n", "");
        assertThat(List.of(added, withoutOccupation, withoutRoute)).doesNotContain(ledger);

        assertThat(errors(first().post("/api/admin/ledger-changes", proposal(withoutOccupation,
                "Occupation is no longer collected.")))).anySatisfy(e -> assertThat(e).contains("occupation"));
        assertThat(errors(first().post("/api/admin/ledger-changes", proposal(withoutRoute,
                "Single records are no longer read.")))).anySatisfy(e -> assertThat(e)
                        .contains("followup.routes").contains("restarting"));
        JsonNode proposed = proposed(first(), "/api/admin/ledger-changes", added,
                "The follow-up service will also plan vaccination rounds.");
        assertThat(second().post(path("/api/admin/ledger-changes", proposed, "approve"),
                comment("Purpose approved by the privacy committee.")).statusCode()).isEqualTo(200);

        assertThat(Files.readString(ledgerFile)).isEqualTo(added);
        JsonNode generated = GatewayClient.json(first().get("/api/admin/ledger"));
        assertThat(generated.path("dataSystems").get(0).path("purposes").toString()).contains("vaccination-planning");
    }

    private static Path directoryFile() {
        return dataDir.resolve("directory.yaml");
    }

    private static String hashOf(String directory, String userId) {
        String hash = directory.substring(directory.indexOf("$argon2id", directory.indexOf(userId)));
        return hash.substring(0, hash.indexOf('"'));
    }

    private GatewayClient first() throws Exception {
        return DemoHandler.ADMINISTRATOR.login(port);
    }

    private GatewayClient second() throws Exception {
        return DemoHandler.login(port, SECOND, "administrator-demo-2026");
    }

    private static List<String> errors(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        List<String> errors = new ArrayList<>();
        GatewayClient.json(refused).path("errors").forEach(e -> errors.add(e.asString()));
        return errors;
    }

    private static JsonNode proposed(GatewayClient admin, String policy, String reason) throws Exception {
        return proposed(admin, ChangeEndpoints.POLICY_CHANGES, policy, reason);
    }

    private static JsonNode proposed(GatewayClient admin, String changes, String text, String reason)
            throws Exception {
        HttpResponse<String> created = admin.post(changes, proposal(text, reason));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return GatewayClient.json(created);
    }

    private static String proposal(String policy, String reason) {
        return JSON.writeValueAsString(Map.of("text", policy, "reason", reason));
    }

    private static String comment(String text) {
        return JSON.writeValueAsString(Map.of("comment", text));
    }

    private static String path(JsonNode change, String step) {
        return path(ChangeEndpoints.POLICY_CHANGES, change, step);
    }

    private static String path(String changes, JsonNode change, String step) {
        return changes + "/" + change.path("id").asString() + (step == null ? "" : "/" + step);
    }

    private List<JsonNode> changes() throws Exception {
        List<JsonNode> listed = new ArrayList<>();
        GatewayClient.json(first().get(ChangeEndpoints.POLICY_CHANGES)).path("changes").forEach(listed::add);
        return listed;
    }

    private static boolean occupationShown(GatewayClient client) throws Exception {
        HttpResponse<String> page = client.get("/systems/followup/subjects?size=3");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return GatewayClient.json(page).path("items").get(0).has("occupation");
    }
}
