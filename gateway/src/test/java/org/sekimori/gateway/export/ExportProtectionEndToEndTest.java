package org.sekimori.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sekimori.gateway.support.Commands.run;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.Commands.Result;
import org.sekimori.gateway.support.Csv;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.DemoSystems;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.keys.export.Gpg;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Records leaving through an export route, as their receivers open them with real tools: for a
 * password shown once to the handler apart from the file (gpg), for a university's OpenPGP key
 * (RSA and Curve25519, gpg) and for a certificate (openssl cms). The access record names the method
 * and the recipient's key, never the password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.admin.elevation.required=false"})
class ExportProtectionEndToEndTest {

    static final String EXPORT = "/systems/followup/subjects/export.csv";
    static final List<String> HEADER = List.of("age", "sex", "residenceArea", "currentCondition", "updatedAt");

    @TempDir
    static Path dataDir;

    static DemoSystems demo;
    static Gpg university;
    static Gpg institute;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws Exception {
        demo = DemoSystems.start(properties, dataDir);
        university = new Gpg(dataDir.resolve("university-gpg"));
        institute = new Gpg(dataDir.resolve("institute-gpg"));
        Path keys = Files.createDirectories(dataDir.resolve("recipients"));
        String rsa = university.generate("University <data@university.example>", "rsa3072", "cert", "never");
        university.addSubkey(rsa, "rsa3072", "encr", "never");
        Files.write(keys.resolve("university.asc"), university.exportPublic(rsa, true));
        String curve25519 = institute.generate("Institute <data@institute.example>", "future-default", "default",
                "never");
        Files.write(keys.resolve("institute.asc"), institute.exportPublic(curve25519, true));
        run("openssl", "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-days", "30", "-subj", "/CN=Hospital",
                "-keyout", keys.resolve("hospital-key.pem").toString(), "-out", keys.resolve("hospital.pem").toString());
        properties.add("sekimori.exports.recipients.university.name", () -> "University, Dept. of Epidemiology");
        properties.add("sekimori.exports.recipients.university.key", () -> keys.resolve("university.asc").toString());
        properties.add("sekimori.exports.recipients.institute.key", () -> keys.resolve("institute.asc").toString());
        properties.add("sekimori.exports.recipients.hospital.key", () -> keys.resolve("hospital.pem").toString());
        properties.add("sekimori.exports.recipients.university.data-systems", () -> "followup");
        properties.add("sekimori.exports.recipients.university.purposes", () -> "outbreak-analysis");
        properties.add("sekimori.exports.recipients.institute.data-systems", () -> "followup");
        properties.add("sekimori.exports.recipients.hospital.data-systems", () -> "followup");
        // Registered for the other data system, and for another purpose: neither may receive these exports.
        properties.add("sekimori.exports.recipients.society.key", () -> keys.resolve("institute.asc").toString());
        properties.add("sekimori.exports.recipients.society.data-systems", () -> "registry");
        properties.add("sekimori.exports.recipients.lab.key", () -> keys.resolve("institute.asc").toString());
        properties.add("sekimori.exports.recipients.lab.data-systems", () -> "followup");
        properties.add("sekimori.exports.recipients.lab.purposes", () -> "academic-research");
    }

    @AfterAll
    static void stop() {
        demo.close();
        university.close();
        institute.close();
    }

    @Test
    void anExportLeavesEncryptedForAPasswordShownOnceToItsHandlerAlone() throws Exception {
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");
        GatewayClient researcher = DemoHandler.RESEARCHER.login(port);

        HttpResponse<byte[]> file = epidemiologist.sendForBytes("GET", EXPORT, null, Map.of());
        String exportId = file.headers().firstValue(ExportProtectionFilter.EXPORT_ID).orElseThrow();
        HttpResponse<String> someoneElses = researcher.post(passwordPath(exportId), "{}");
        HttpResponse<String> shown = epidemiologist.post(passwordPath(exportId), "{}");
        HttpResponse<String> again = epidemiologist.post(passwordPath(exportId), "{}");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pgp-encrypted");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"followup-export.csv.gpg\"");
        assertThat(new String(file.body(), StandardCharsets.ISO_8859_1)).doesNotContain("residenceArea");
        assertThat(someoneElses.statusCode()).isEqualTo(404);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
        String password = GatewayClient.json(shown).path("password").asString();
        assertThat(password).matches("([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(again.statusCode()).as("shown once").isEqualTo(404);
        byte[] csv;
        try (Gpg handler = new Gpg(dataDir.resolve("handler-gpg"))) {
            csv = opened(handler, file.body(), password.toCharArray());
        }
        List<List<String>> rows = Csv.rows(new String(csv, StandardCharsets.UTF_8));
        assertThat(rows.get(0)).containsExactlyElementsOf(HEADER);
        assertThat(rows).hasSizeGreaterThan(1);
        JsonNode record = recordOf(exportId);
        assertThat(exportId).isNotEqualTo(record.path("correlation").asString());
        assertThat(record.path("protection").path("method").asString()).isEqualTo("openpgp-password");
        assertThat(record.path("records").asInt()).isEqualTo(rows.size() - 1);
        assertThat(AuditJournal.records(dataDir)).filteredOn(r -> r.path("event").asString().equals("export-password"))
                .extracting(r -> r.path("query").path("exportId").asString() + " " + r.path("status").asInt())
                .contains(exportId + " 404", exportId + " 200");
        assertThat(AuditJournal.records(dataDir).toString()).doesNotContain(password);
    }

    @Test
    void aRecipientsOpenPgpKeyOrCertificateOpensTheFileAndTheRecordNamesIt() throws Exception {
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");

        HttpResponse<byte[]> forUniversity = epidemiologist.sendForBytes("GET", EXPORT, null,
                Map.of(ExportProtectionFilter.RECIPIENT, "university"));
        HttpResponse<byte[]> forInstitute = epidemiologist.sendForBytes("GET", EXPORT, null,
                Map.of(ExportProtectionFilter.RECIPIENT, "institute"));
        HttpResponse<byte[]> forHospital = epidemiologist.sendForBytes("GET", EXPORT, null,
                Map.of(ExportProtectionFilter.RECIPIENT, "hospital"));

        assertThat(header(opened(university, forUniversity.body(), new char[0]))).containsExactlyElementsOf(HEADER);
        assertThat(header(opened(institute, forInstitute.body(), new char[0]))).containsExactlyElementsOf(HEADER);
        assertThat(forHospital.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"followup-export.csv.p7m\"");
        Path file = dataDir.resolve("hospital.p7m");
        Files.write(file, forHospital.body());
        Path keys = dataDir.resolve("recipients");
        Result opened = run("openssl", "cms", "-decrypt", "-inform", "DER", "-in", file.toString(), "-recip",
                keys.resolve("hospital.pem").toString(), "-inkey", keys.resolve("hospital-key.pem").toString());
        assertThat(opened.exit()).as(opened.output()).isZero();
        assertThat(header(opened.output().getBytes(StandardCharsets.UTF_8))).containsExactlyElementsOf(HEADER);
        for (HttpResponse<byte[]> sent : List.of(forUniversity, forInstitute, forHospital)) {
            assertThat(sent.headers().firstValue(ExportProtectionFilter.EXPORT_ID)).isPresent();
        }
        JsonNode university = recordOf(forUniversity.headers().firstValue(ExportProtectionFilter.EXPORT_ID).get());
        JsonNode hospital = recordOf(forHospital.headers().firstValue(ExportProtectionFilter.EXPORT_ID).get());
        assertThat(university.path("protection").path("method").asString()).isEqualTo("openpgp-public-key");
        assertThat(university.path("protection").path("recipient").asString()).isEqualTo("university");
        assertThat(university.path("protection").path("key").asString()).matches("[0-9A-F]{40}");
        assertThat(hospital.path("protection").path("method").asString()).isEqualTo("cms-certificate");
        assertThat(hospital.path("protection").path("key").asString()).isNotEmpty();
    }

    @Test
    void recipientRegisteredUnderFourEyesReceivesAtOnceWithItsKeyChecked() throws Exception {
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");
        assertThat(epidemiologist.send("GET", EXPORT, null, Map.of(ExportProtectionFilter.RECIPIENT, "cdc"))
                .statusCode()).as("not registered yet").isEqualTo(400);
        String key = Files.readString(dataDir.resolve("recipients/institute.asc")).strip().replace("\n", "\n      ");
        String registered = "recipients:\n  - id: cdc\n    name: Centre for Disease Control\n"
                + "    dataSystems: [followup]\n    purposes: [outbreak-analysis]\n    key: |\n      " + key + "\n";
        GatewayClient admin = DemoHandler.ADMINISTRATOR.login(port);
        GatewayClient kimura = DemoHandler.login(port, "admin.kimura", "administrator2-demo-2026");
        HttpResponse<String> broken = admin.post("/api/admin/recipients-changes", proposal(registered
                .replace("id: cdc", "id: university").replace("mQ", "mX"), "A recipient named twice, its key broken."));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("is registered in the configuration already");

        HttpResponse<String> proposed = admin.post("/api/admin/recipients-changes", proposal(registered,
                "The CDC receives the weekly outbreak extract from December."));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        assertThat(kimura.post("/api/admin/recipients-changes/" + GatewayClient.json(proposed).path("id").asString()
                + "/approve", "{\"comment\": \"Agreement with the CDC signed on 1 December.\"}").statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> sent = epidemiologist.sendForBytes("GET", EXPORT, null,
                Map.of(ExportProtectionFilter.RECIPIENT, "cdc"));
        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode record = recordOf(sent.headers().firstValue(ExportProtectionFilter.EXPORT_ID).orElseThrow());
        assertThat(record.path("protection").path("recipient").asString()).isEqualTo("cdc");
        assertThat(record.path("protection").path("method").asString()).isEqualTo("openpgp-public-key");
    }

    private static String proposal(String text, String reason) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(Map.of("text", text,
                "reason", reason));
    }

    @Test
    void anUnknownRecipientOrTwoAreRefusedBeforeAnythingIsRead() throws Exception {
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");

        HttpResponse<String> unknown = epidemiologist.send("GET", EXPORT, null,
                Map.of(ExportProtectionFilter.RECIPIENT, "somebody"));
        HttpResponse<String> otherDataSystem = epidemiologist.send("GET", EXPORT, null,
                Map.of(ExportProtectionFilter.RECIPIENT, "society"));
        HttpResponse<String> otherPurpose = epidemiologist.send("GET", EXPORT, null,
                Map.of(ExportProtectionFilter.RECIPIENT, "lab"));
        HttpResponse<String> list = epidemiologist.get("/systems/followup/subjects?size=1");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(unknown).path("message").asString())
                .contains("registered: hospital, institute, lab, society, university");
        for (HttpResponse<String> refused : List.of(otherDataSystem, otherPurpose)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(GatewayClient.json(refused).path("reason").asString()).isEqualTo("recipient-not-registered");
        }
        assertThat(list.statusCode()).as("a list is no export: no encryption").isEqualTo(200);
        assertThat(list.headers().firstValue(ExportProtectionFilter.EXPORT_ID)).isEmpty();
    }

    /** What {@code gpg --decrypt} makes of {@code file}, judged as a script should (exit 0 and DECRYPTION_OKAY). */
    private static byte[] opened(Gpg gpg, byte[] file, char[] password) throws IOException {
        return gpg.decrypt(file, password).content().orElseThrow(() -> new AssertionError("gpg could not open it"));
    }

    private static List<String> header(byte[] csv) {
        return Csv.rows(new String(csv, StandardCharsets.UTF_8)).get(0);
    }

    private static String passwordPath(String exportId) {
        return "/api/exports/" + exportId + "/password";
    }

    private static JsonNode recordOf(String exportId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (JsonNode record : AuditJournal.records(dataDir)) {
                if (record.path("protection").path("exportId").asString().equals(exportId)) {
                    return record;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access record of export " + exportId);
    }
}
