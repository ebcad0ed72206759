package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.GatewayUpstreams;
import org.sekimori.gateway.support.RecordingUpstream;
import org.sekimori.gateway.support.SettableClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The policy and subject files change while the gateway runs: a valid change takes effect within a
 * few reload intervals, an invalid one is refused and the files in force keep deciding. The gateway
 * reads copies of the demo files in a temporary directory, checked every 200 ms; the followup
 * data system is a recording stand-in whose subjects live in the nurse's area.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy-reload-interval=200ms", "management.server.port=0"})
@Import(SettableClock.InGateway.class)
class PolicyReloadEndToEndTest {

    static final Path DEMO = Path.of("../deploy/demo");
    static final SettableClock CLOCK = SettableClock.GATEWAY;
    /** Long enough for dozens of reload intervals on a slow CI machine; a passing test waits far less. */
    static final Duration WAIT = Duration.ofSeconds(20);

    static final String SUBJECT = "{\"id\":\"%s\",\"age\":30,\"sex\":\"female\",\"residenceArea\":\"新地町\","
            + "\"updatedAt\":\"2021-04-09T03:26:42Z\"}";

    @TempDir
    static Path dir;

    static RecordingUpstream followup;
    static RecordingUpstream registry;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void filesAndUpstreams(DynamicPropertyRegistry properties) throws Exception {
        restoreDemoFiles();
        followup = new RecordingUpstream();
        // Answers the subject the path names, so a page of one and a record look like the data system's.
        followup.answer(request -> {
            String subject = request.path().substring(request.path().lastIndexOf('/') + 1);
            return subject.equals("subjects")
                    ? RecordingUpstream.Reply.json("{\"items\":[" + SUBJECT.formatted("F00003") + ","
                            + SUBJECT.formatted("F00001") + "],\"page\":0,\"size\":50,\"total\":2}")
                    : RecordingUpstream.Reply.json(SUBJECT.formatted(subject));
        });
        registry = new RecordingUpstream();
        properties.add("sekimori.policy", () -> dir.resolve("policy.yaml").toString());
        properties.add("sekimori.subjects", () -> dir.resolve("subjects.yaml").toString());
        GatewayUpstreams.register(properties, () -> followup.uri(), () -> registry.uri(), dir);
    }

    @AfterAll
    static void stopUpstreams() {
        followup.close();
        registry.close();
    }

    GatewayClient nurse;

    @BeforeEach
    void nurseLoggedIn() throws Exception {
        CLOCK.set("2026-11-24T10:00:00+09:00");
        nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");
        assertThat(nurseReads("F00003").statusCode()).as("the demo policy in force").isEqualTo(200);
    }

    /** Puts the demo files back and waits until they decide again, so no test sees another's change. */
    @AfterEach
    void demoFilesInForceAgain() throws Exception {
        restoreDemoFiles();
        awaitNurseReading("F00003", response -> response.statusCode() == 200);
    }

    @Test
    void reloadWhenPolicyBecomesInvalidThenRefusedAndTheOldPolicyKeepsDeciding(CapturedOutput output) throws Exception {
        String demo = Files.readString(DEMO.resolve("policy.yaml"));
        // Drops the nurse's grant (valid on its own) and names a treatment that does not exist.
        String invalid = demo.replace("role: nurse\n    dataSystem: followup", "role: nurse\n    dataSystem: nowhere")
                .replace("age: age-band-10", "age: age-band-ten");
        assertThat(invalid).isNotEqualTo(demo);

        write("policy.yaml", invalid);
        awaitLog(output, "Access policy change refused");

        HttpResponse<String> read = nurseReads("F00003");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(GatewayClient.json(read).path("id").asString()).isEqualTo("F00003");
        assertThat(nurse.purpose("academic-research").get("/systems/followup/subjects/F00003").statusCode())
                .isEqualTo(403);
    }

    @Test
    void reloadWhenPolicyChangesValidlyThenTheNewPolicyDecides(CapturedOutput output) throws Exception {
        String demo = Files.readString(DEMO.resolve("policy.yaml"));
        String withoutNurseReads = demo.replace("actions: [read, update]\n    purposes: [follow-up-care",
                "actions: [update]\n    purposes: [follow-up-care");
        assertThat(withoutNurseReads).isNotEqualTo(demo);

        write("policy.yaml", withoutNurseReads);

        HttpResponse<String> refused = awaitNurseReading("F00003", response -> response.statusCode() == 403);
        assertThat(GatewayClient.json(refused).path("reason").asString()).isEqualTo("no-grant");
        assertThat(output.getOut()).contains("in force after a change to");
    }

    @Test
    void reloadWhenAUseStopIsAddedThenTheSubjectIsWithheldEverywhere() throws Exception {
        String demo = Files.readString(DEMO.resolve("subjects.yaml"));
        String stopped = demo.replace("useStopped: [F00007, F00042]", "useStopped: [F00007, F00042, F00003]");
        assertThat(stopped).isNotEqualTo(demo);

        write("subjects.yaml", stopped);

        // A read decided just before the reload can still be withheld by the masker just after it.
        HttpResponse<String> refused = awaitNurseReading("F00003", response -> response.statusCode() == 403
                && GatewayClient.json(response).path("reason").asString().equals("use-stopped"));
        assertThat(GatewayClient.json(refused).path("reason").asString()).isEqualTo("use-stopped");
        followup.clear();
        assertThat(nurseReads("F00003").statusCode()).isEqualTo(403);
        assertThat(followup.received()).as("requests that reached the data system").isEmpty();
        JsonNode page = GatewayClient.json(nurse.get("/systems/followup/subjects"));
        assertThat(page.path("items").findValuesAsString("id")).containsExactly("F00001");
    }

    @Test
    void reloadWhenSubjectsFileBecomesInvalidThenTheUseStopsInForceStay(CapturedOutput output) throws Exception {
        String demo = Files.readString(DEMO.resolve("subjects.yaml"));
        String invalid = demo.replace("useStopped: [F00007, F00042]", "useStopped: [F00042]\n    unknownKey: [x")
                .replace("F00001: [academic-research]", "F00001: [no-such-purpose]");
        assertThat(invalid).isNotEqualTo(demo);

        write("subjects.yaml", invalid);
        awaitLog(output, "refused; the previous use stops and consents stay in force");

        HttpResponse<String> stopped = nurseReads("F00007");
        assertThat(stopped.statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(stopped).path("reason").asString()).isEqualTo("use-stopped");
    }

    private HttpResponse<String> nurseReads(String subject) throws Exception {
        return nurse.purpose("follow-up-care").get("/systems/followup/subjects/" + subject);
    }

    /** Reads until {@code done} holds or {@link #WAIT} has passed; answers the last response. */
    private HttpResponse<String> awaitNurseReading(String subject, Predicate<HttpResponse<String>> done)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> response = nurseReads(subject);
        while (!done.test(response) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = nurseReads(subject);
        }
        assertThat(done).as("within %s: %s", WAIT, response.body()).accepts(response);
        return response;
    }

    private static void awaitLog(CapturedOutput output, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!output.getAll().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(output.getAll()).as("the gateway's log within %s", WAIT).contains(text);
    }

    private static void restoreDemoFiles() throws IOException {
        for (String file : List.of("policy.yaml", "subjects.yaml", "holidays-jp.yaml")) {
            Files.copy(DEMO.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes through a temporary file and a rename, as an editor or a deployment would, so no half-written file is read. */
    private static void write(String file, String content) throws IOException {
        Path temporary = dir.resolve(file + ".new");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
