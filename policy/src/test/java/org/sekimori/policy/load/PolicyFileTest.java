package org.sekimori.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.Ledger;
import org.sekimori.policy.model.Policy;

class PolicyFileTest {

    private static final Path DECISIONS = Path.of("src/test/resources/decisions");
    private final Ledger ledger = LedgerFile.load(DECISIONS.resolve("ledger.yaml"));

    @TempDir
    Path dir;

    @Test
    void loadWhenDemoPolicyThenEveryRoleAndGrant() {
        Ledger demo = LedgerFile.load(Path.of("../deploy/demo/ledger.yaml"));

        Policy policy = PolicyFile.load(Path.of("../deploy/demo/policy.yaml"), demo);

        assertThat(policy.roles()).extracting(r -> r.id()).contains("nurse", "epidemiologist", "contractor",
                "researcher", "secretariat", "administrator", "auditor");
        assertThat(policy.holidays()).isNotEmpty();
        assertThat(policy.grants()).filteredOn(g -> g.id().equals("epidemiologist-outbreak-analysis")).singleElement()
                .satisfies(g -> assertThat(g.items().get("age")).isEqualTo(new Treatment.AgeBand(10)));
    }

    @Test
    void loadWhenEverythingIsWrongThenEveryErrorInLineOrder() throws IOException {
        Path file = write("""
                zone: Mars/Olympus
                justificationMinLength: none
                exceptions:
                  - {id: Life, description: Life}
                timeWindows:
                  - {id: day, days: [mon, someday], from: "8am", to: "20:00"}
                roles:
                  - {id: doctor, description: Doctor, exceptions: [law]}
                  - {id: doctor, description: Again}
                grants:
                  - id: g1
                    role: surgeon
                    dataSystem: clinic
                    actions: [read, peek]
                    purposes: [care, marketing]
                    items: {id: show, name: blur, blood: show}
                    rows: {item: floor, attribute: floors}
                    conditions: {timeWindow: night, networks: [10.0.0.0/33, example.org/8], mfa: maybe,
                                 validUntil: someday}
                  - id: g2
                    role: doctor
                    dataSystem: pharmacy
                    actions: [read]
                    purposes: [care]
                    items: {}
                denials:
                  - {id: d1, roles: [nobody], dataSystem: clinic, actions: [delete]}
                colour: blue
                """);

        assertThat(LoadErrors.of(() -> PolicyFile.load(file, ledger))).containsExactly(
                file + ":1: zone: must be a time-zone id such as Asia/Tokyo, not 'Mars/Olympus'",
                file + ":2: justificationMinLength: must be a whole number from 1 to 1000, not 'none'",
                file + ":4: exceptions[0].id: must be a lower-case name of letters, digits and '-', 2 to 32 "
                        + "characters, starting with a letter (like 'public-health'), not 'Life'",
                file + ":6: timeWindows[0].days: timeWindows[0].days[1] must be mon, tue, wed, thu, fri, sat or sun, "
                        + "not 'someday'",
                file + ":6: timeWindows[0].from: must be a time of day as HH:MM in quotes, like \"08:00\", "
                        + "not '8am'",
                file + ":8: roles[0].exceptions[0]: exception 'law' is not registered; registered: Life",
                file + ":9: roles[1].id: role 'doctor' is already declared at line 8",
                file + ":12: grants[0].role: role 'surgeon' is not declared under roles; declared: doctor",
                file + ":14: grants[0].actions: grants[0].actions[1] must be one of read, input, update, delete, "
                        + "export, provide, not 'peek'",
                file + ":15: grants[0].purposes[1]: purpose 'marketing' is not registered for data system "
                        + "'clinic'; registered: care, billing, research",
                file + ":16: grants[0].items.blood: data item 'blood' is not in data system 'clinic'",
                file + ":16: grants[0].items.name: must be " + Treatment.FORMS + ", not 'blur'",
                file + ":17: grants[0].rows.item: data item 'floor' is not in data system 'clinic'",
                file + ":18: grants[0].conditions.mfa: must be true or false, not 'maybe'",
                file + ":18: grants[0].conditions.networks: grants[0].conditions.networks[0] must be an address "
                        + "block like 10.20.0.0/16 or fd00::/8, not '10.0.0.0/33'",
                file + ":18: grants[0].conditions.networks: grants[0].conditions.networks[1] must be an address "
                        + "block like 10.20.0.0/16 or fd00::/8, not 'example.org/8'",
                file + ":18: grants[0].conditions.timeWindow: time window 'night' is not defined under "
                        + "timeWindows; defined: day",
                file + ":19: grants[0].conditions.validUntil: must be a date like 2027-03-31, not 'someday'",
                file + ":22: grants[1].dataSystem: data system 'pharmacy' is not in the ledger; registered: clinic",
                file + ":27: denials[0].roles[0]: role 'nobody' is not declared under roles; declared: doctor",
                file + ":28: colour: unknown key; expected one of denials, exceptions, grants, holidays, "
                        + "justificationMinLength, roles, timeWindows, zone");
    }

    @Test
    void loadWhenHolidayCalendarBrokenThenItsErrorsNameItsFile() throws IOException {
        Path calendar = dir.resolve("holidays.yaml");
        Files.writeString(calendar, "holidays:\n  - {date: 2026-13-01, name: Nope}\n  - {date: 2026-01-01}\n");
        Path file = write("zone: Asia/Tokyo\nholidays: holidays.yaml\nroles: [{id: doctor, description: D}]\n"
                + "grants: [{id: gp, role: doctor, dataSystem: clinic, actions: [read], purposes: [care], items: {}}]\n");

        assertThat(LoadErrors.of(() -> PolicyFile.load(file, ledger))).containsExactly(
                calendar + ":2: holidays[0].date: must be a date like 2026-01-01, not '2026-13-01'",
                calendar + ":3: holidays[1].name: is required");
    }

    @Test
    void loadWhenHolidayCalendarIsAPathThenRefusedWithoutReadingIt() throws IOException {
        for (String path : List.of("/etc/passwd", "../holidays.yaml", "sub/holidays.yaml", ".hidden.yaml")) {
            Path file = write("zone: Asia/Tokyo\nholidays: " + path + "\nroles: [{id: doctor, description: D}]\n"
                    + "grants: [{id: gp, role: doctor, dataSystem: clinic, actions: [read], purposes: [care], "
                    + "items: {}}]\n");

            assertThat(LoadErrors.of(() -> PolicyFile.load(file, ledger))).as(path).containsExactly(file
                    + ":2: holidays: must name a file beside the policy file, like holidays-jp.yaml, not a path");
        }
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
