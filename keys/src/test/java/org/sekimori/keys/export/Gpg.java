package org.sekimori.keys.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GnuPG in a home directory of its own, as a recipient would use it: keys made there without a
 * passphrase, files decrypted there. Closing stops the agent it started. Shared with the gateway's
 * tests through the keys test jar (they open its exports as a receiver would).
 */
public final class Gpg implements AutoCloseable {

    private final Path home;

    public Gpg(Path home) throws IOException {
        this.home = Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    /** Makes a key (with {@code --quick-gen-key}'s algorithm, usage and expiry) and returns its fingerprint. */
    public String generate(String userId, String algorithm, String usage, String expiry, String... options) {
        List<String> arguments = new ArrayList<>(List.of(options));
        arguments.addAll(List.of("--passphrase", "", "--quick-gen-key", userId, algorithm, usage, expiry));
        run(new byte[0], arguments).requireSuccess();
        return run(new byte[0], List.of("--with-colons", "--list-keys", userId)).requireSuccess().text().lines()
                .filter(line -> line.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    public void addSubkey(String fingerprint, String algorithm, String usage, String expiry, String... options) {
        List<String> arguments = new ArrayList<>(List.of(options));
        arguments.addAll(List.of("--passphrase", "", "--quick-add-key", fingerprint, algorithm, usage, expiry));
        run(new byte[0], arguments).requireSuccess();
    }

    /** The fingerprints of a key's subkeys, oldest first. */
    List<String> subkeys(String fingerprint) {
        List<String> lines = run(new byte[0], List.of("--with-colons", "--with-subkey-fingerprints", "--list-keys",
                fingerprint)).requireSuccess().text().lines().toList();
        List<String> subkeys = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("sub:") && lines.get(i + 1).startsWith("fpr:")) {
                subkeys.add(lines.get(i + 1).split(":")[9]);
            }
        }
        return subkeys;
    }

    /** Imports the revocation certificate gpg made with the key, as its owner would to revoke it. */
    void revoke(String fingerprint) throws IOException {
        String certificate = Files.readString(home.resolve("openpgp-revocs.d/" + fingerprint + ".rev"))
                .replace(":-----BEGIN", "-----BEGIN");
        run(certificate.getBytes(StandardCharsets.US_ASCII), List.of("--import")).requireSuccess();
    }

    public byte[] exportPublic(String fingerprint, boolean armored) {
        return run(new byte[0], armored ? List.of("--armor", "--export", fingerprint)
                : List.of("--export", fingerprint)).requireSuccess().output();
    }

    byte[] exportSecret(String fingerprint) {
        return run(new byte[0], List.of("--pinentry-mode", "loopback", "--passphrase", "", "--export-secret-keys",
                fingerprint)).requireSuccess().output();
    }

    /** {@code gpg --decrypt} of {@code file}, the password (if any) given on standard input. */
    public Decryption decrypt(byte[] file, char[] password, String... options) throws IOException {
        Path encrypted = Files.write(home.resolve("file.gpg"), file);
        Path status = home.resolve("status");
        List<String> arguments = new ArrayList<>(List.of(options));
        arguments.addAll(List.of("--pinentry-mode", "loopback", "--passphrase-fd", "0", "--no-symkey-cache",
                "--status-file", status.toString(), "--decrypt", encrypted.toString()));
        Command command = run(passwordLine(password), arguments);
        return new Decryption(command, Files.exists(status) ? Files.readString(status) : "");
    }

    /** {@code gpg --list-packets}, which decrypts to list the packets inside too. */
    String listPackets(byte[] file, char[] password) throws IOException {
        Path encrypted = Files.write(home.resolve("file.gpg"), file);
        return run(passwordLine(password), List.of("--pinentry-mode", "loopback", "--passphrase-fd", "0",
                "--no-symkey-cache", "--list-packets", encrypted.toString())).text();
    }

    /** What gpg tells of a decryption: exit status, output and its {@code --status-file} lines. */
    public record Decryption(Command command, String status) {

        /**
         * Success as a script should judge it: exit status 0 and {@code DECRYPTION_OKAY}. The exit
         * status alone is not enough: a file whose encrypted packet has another tag decrypts to
         * nothing with exit status 0.
         */
        public Optional<byte[]> content() {
            return command.exit() == 0 && status.contains("[GNUPG:] DECRYPTION_OKAY")
                    ? Optional.of(command.output()) : Optional.empty();
        }
    }

    private static byte[] passwordLine(char[] password) {
        return (new String(password) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private Command run(byte[] input, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch"));
        command.addAll(arguments);
        return Command.run(input, command);
    }

    @Override
    public void close() {
        Command.run(new byte[0], List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"));
    }
}
