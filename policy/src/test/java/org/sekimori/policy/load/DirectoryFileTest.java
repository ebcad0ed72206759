package org.sekimori.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerStatus;

class DirectoryFileTest {

    private static final String HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM";

    @TempDir
    Path dir;

    @Test
    void loadWhenDemoDirectoryThenIndividualAccountsForEveryRoleAndTwoAdministrators() {
        Directory directory = DirectoryFile.load(Path.of("../deploy/demo/directory.yaml"));

        // Two administrators: one asks for an elevation or proposes a change, the other approves it.
        assertThat(directory.handlers()).flatExtracting(Handler::roles).containsExactlyInAnyOrder(
                "nurse", "epidemiologist", "contractor", "researcher", "secretariat", "administrator",
                "administrator", "auditor");
        assertThat(directory.handler("nurse.sato")).map(Handler::status).contains(HandlerStatus.ACTIVE);
    }

    @Test
    void loadWhenValidThenEveryFieldKept() throws IOException {
        Directory directory = DirectoryFile.load(write("""
                handlers:
                  - userId: nurse.sato
                    displayName: Sato Hanako
                    organisation: Community Medicine Division
                    roles: [nurse, follow-up-lead]
                    passwordHash: "%s"
                    status: disabled
                """.formatted(HASH)));

        Handler handler = directory.handler("nurse.sato").orElseThrow();
        assertThat(handler.displayName()).isEqualTo("Sato Hanako");
        assertThat(handler.organisation()).isEqualTo("Community Medicine Division");
        assertThat(handler.roles()).containsExactly("nurse", "follow-up-lead");
        assertThat(handler.passwordHash()).isEqualTo(HASH);
        assertThat(handler.status()).isEqualTo(HandlerStatus.DISABLED);
        assertThat(handler.toString()).doesNotContain("argon2id");
    }

    @Test
    void loadWhenContractorThenExpiryRequiredAndExternalIdentitiesKept() throws IOException {
        Directory directory = DirectoryFile.load(write("""
                handlers:
                  - userId: contractor.tanaka
                    displayName: Tanaka Yui
                    roles: [contractor]
                    passwordHash: "%s"
                    contractor: true
                    accessExpires: 2027-03-31
                    mustChangePassword: true
                    externalIdentities:
                      - issuer: https://idp.example/realms/sekimori
                        subject: 6f1c
                """.formatted(HASH)));

        Handler handler = directory.handler("contractor.tanaka").orElseThrow();
        assertThat(handler.contractor()).isTrue();
        assertThat(handler.mustChangePassword()).isTrue();
        assertThat(handler.expiredOn(java.time.LocalDate.parse("2027-03-31"))).isFalse();
        assertThat(handler.expiredOn(java.time.LocalDate.parse("2027-04-01"))).isTrue();
        assertThat(handler.externalIdentities()).containsExactly(
                new org.sekimori.policy.model.ExternalIdentity("https://idp.example/realms/sekimori", "6f1c"));
    }

    @Test
    void loadWhenContractorWithoutExpiryOrSharedExternalIdentityThenEachReported() throws IOException {
        Path file = write("""
                handlers:
                  - userId: contractor.tanaka
                    displayName: Tanaka Yui
                    roles: [contractor]
                    passwordHash: "%1$s"
                    contractor: true
                    externalIdentities:
                      - {issuer: "https://idp.example", subject: "a"}
                  - userId: contractor.mori
                    displayName: Mori Ken
                    roles: [contractor]
                    passwordHash: "%1$s"
                    contractor: true
                    accessExpires: next year
                    externalIdentities:
                      - {issuer: "https://idp.example", subject: "a"}
                """.formatted(HASH));

        assertThatThrownBy(() -> DirectoryFile.load(file)).hasMessageContaining("accessExpires")
                .hasMessageContaining("is required for a contractor")
                .hasMessageContaining("must be a date like 2027-03-31, not 'next year'")
                .hasMessageContaining("external identity 'https://idp.example a' is already listed at line 8");
    }

    @Test
    void loadWhenEverythingIsWrongThenEveryErrorInLineOrderAndNoHashEchoed() throws IOException {
        Path file = write("""
                handlers:
                  - userId: Nurse Sato
                    displayName: Sato Hanako
                    roles: [nurse, nurse, Head Nurse]
                    passwordHash: "$2a$10$abcdefghijklmnopqrstuv"
                    status: on-leave
                  - userId: shared
                    roles: []
                    passwordHash: "%1$s"
                    displayName: Shared
                  - userId: shared
                    displayName: Shared again
                    roles: [nurse]
                    passwordHash: "%1$s"
                    password: hunter2
                """.formatted(HASH));

        List<String> errors = LoadErrors.of(() -> DirectoryFile.load(file));
        assertThat(errors).containsExactly(
                file + ":2: handlers[0].userId: must be 2 to 64 lower-case letters, digits, '.', '_' or '-', "
                        + "not 'Nurse Sato'",
                file + ":4: handlers[0].roles: role 'Head Nurse' at handlers[0].roles[2] must be a lower-case name "
                        + "of letters, digits and '-'",
                file + ":4: handlers[0].roles: role 'nurse' is listed twice",
                file + ":5: handlers[0].passwordHash: must be an Argon2id hash in PHC form "
                        + "($argon2id$v=19$m=..,t=..,p=..$salt$hash); make one with deploy/hash-password",
                file + ":6: handlers[0].status: must be one of active, disabled, not 'on-leave'",
                file + ":8: handlers[1].roles: must list at least one entry",
                file + ":11: handlers[2].userId: user ID 'shared' is already listed at line 7; every handler "
                        + "needs an individual user ID",
                file + ":15: handlers[2].password: unknown key; expected one of accessExpires, attributes, "
                        + "contractor, displayName, externalIdentities, mustChangePassword, organisation, "
                        + "passwordHash, roles, status, userId");
        assertThat(String.join("\n", errors)).doesNotContain("abcdefghijklmnopqrstuv").doesNotContain("hunter2");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("directory.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
