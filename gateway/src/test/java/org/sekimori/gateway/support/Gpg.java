package org.sekimori.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * GnuPG as a receiver of an export runs it, in a home directory of its own (short, under /tmp: the
 * agent's socket path must fit), so that tests never touch a user's keys.
 */
public final class Gpg implements AutoCloseable {

    private static Gpg shared;

    private final Path home;

    private Gpg(Path home) {
        this.home = home;
    }

    public static Gpg start() {
        try {
            return new Gpg(Files.createTempDirectory(Path.of("/tmp"), "gpg",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One instance for the whole test run, for decrypting password-protected exports. */
    public static synchronized Gpg shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** What {@code gpg --decrypt} makes of {@code file} with {@code password} (read from standard input). */
    public byte[] decrypt(byte[] file, String password) {
        return run(password + "\n", file, "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--no-symkey-cache",
                "--decrypt");
    }

    /** What {@code gpg --decrypt} makes of {@code file} with the secret keys in this home. */
    public byte[] decrypt(byte[] file) {
        return run("", file, "--decrypt");
    }

    /**
     * A new RSA key pair (no passphrase) with an encryption subkey, as a recipient would make one,
     * its public key exported to {@code into}; {@code future-default} gives Ed25519 with a
     * Curve25519 encryption subkey instead.
     */
    public Path newKey(String userId, String algorithm, Path into) {
        run("", null, "--passphrase", "", "--pinentry-mode", "loopback", "--quick-gen-key", userId, algorithm,
                "default", "never");
        if (!algorithm.equals("future-default")) {
            String listing = new String(run("", null, "--with-colons", "--list-keys", userId), StandardCharsets.UTF_8);
            String fingerprint = listing.lines().filter(line -> line.startsWith("fpr:")).findFirst().orElseThrow()
                    .split(":")[9];
            run("", null, "--passphrase", "", "--pinentry-mode", "loopback", "--quick-add-key", fingerprint,
                    algorithm, "encr", "never");
        }
        try {
            Files.write(into, run("", null, "--armor", "--export", userId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }

    /** Runs gpg in batch mode on {@code file} (when given), with {@code input} on standard input; fails on a non-zero exit. */
    private byte[] run(String input, byte[] file, String... args) {
        try {
            Path in = null;
            List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--quiet", "--homedir", home.toString()));
            command.addAll(List.of(args));
            if (file != null) {
                in = Files.createTempFile(home, "in", ".gpg");
                Files.write(in, file);
                command.add(in.toString());
            }
            Process process = new ProcessBuilder(command).redirectError(home.resolve("last-error.txt").toFile())
                    .start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            if (in != null) {
                Files.delete(in);
            }
            if (exit != 0) {
                throw new GpgFailed(exit, Files.readString(home.resolve("last-error.txt")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** gpg refused: its exit status and what it said. */
    public static final class GpgFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        GpgFailed(int exit, String said) {
            super("gpg exited " + exit + ": " + said.strip());
        }
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start().waitFor();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
