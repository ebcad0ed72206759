package org.sekimori.keys.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token for this JVM's tests. SunPKCS11 loads the library into the JVM, and SoftHSM2
 * sees only the tokens there were when it was loaded, so the token is made once, before any test
 * opens it, in the token directory of the configuration that surefire names in
 * {@code SOFTHSM2_CONF} (keys/pom.xml, gateway/pom.xml); each test then starts from an emptied token.
 * Shared with the gateway's tests through the keys test jar.
 */
public final class SoftHsm {

    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String LABEL = "sekimori-test";
    public static final String PIN = "user-pin-for-tests";
    private static final String SO_PIN = "so-pin-for-tests";

    private static boolean made;

    private SoftHsm() {
    }

    /** The test token, made on first use. */
    public static synchronized Pkcs11Token token() throws IOException, InterruptedException {
        if (!made) {
            make();
            made = true;
        }
        return new Pkcs11Token(LIBRARY, LABEL);
    }

    /** Runs a SoftHSM2 or OpenSC tool on the test token and returns its output. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        return "exit " + exit + "\n" + output;
    }

    private static void make() throws IOException, InterruptedException {
        String configuration = System.getenv("SOFTHSM2_CONF");
        if (configuration == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the tests through Maven, whose surefire "
                    + "configuration (keys/pom.xml, gateway/pom.xml) sets it");
        }
        Path tokens = Path.of(configuration).toAbsolutePath().resolveSibling("tokens");
        if (Files.exists(tokens)) {
            try (Stream<Path> paths = Files.walk(tokens)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(Path.of(configuration), "directories.tokendir = " + tokens + "\n"
                + "objectstore.backend = file\nlog.level = ERROR\n");
        String output = run(List.of("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--so-pin", SO_PIN,
                "--pin", PIN));
        if (!output.startsWith("exit 0")) {
            throw new IllegalStateException("softhsm2-util (Debian package softhsm2) could not make the test token: "
                    + output);
        }
    }
}
