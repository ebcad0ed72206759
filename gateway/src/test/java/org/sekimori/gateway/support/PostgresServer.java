package org.sekimori.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of its own for a test: Debian's binaries (package {@code postgresql},
 * which {@code .ci/run} installs), a fresh cluster in a temporary directory, on a free port of
 * 127.0.0.1. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user.
 * It can be stopped, started, and hung (SIGSTOP) like a real database in trouble.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final int port;
    private Process hung;

    private PostgresServer(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(version -> version.resolve("bin")).filter(dir -> Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString)).orElseThrow(() -> new IllegalStateException(
                            "PostgreSQL's server is not installed: apt-get install postgresql (see README)"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("PostgreSQL's server is not installed: apt-get install postgresql (see README)");
        }
        Path data = Files.createTempDirectory("sekimori-postgres");
        run("chmod", "755", data.toString());
        PostgresServer server = new PostgresServer(bin, data.resolve("cluster"), DemoSystemProcess.freePort());
        if (root()) {
            run("chown", "postgres", data.toString());
        }
        server.asPostgres(bin.resolve("initdb").toString(), "-D", server.data.toString(), "-U", "sekimori",
                "--auth=trust", "-E", "UTF8");
        server.startServer();
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return "sekimori";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), "");
    }

    public void startServer() throws IOException, InterruptedException {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.getParent().resolve("server.log")
                .toString(), "-o", "-p " + port + " -k " + data.getParent() + " -c listen_addresses=127.0.0.1", "-w",
                "start");
    }

    public void stopServer() throws IOException, InterruptedException {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    /** Freezes every process of the server (SIGSTOP): connections stay open and nothing answers. */
    public void hang() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        String postmaster = Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip();
        // A backend may exit between pgrep and kill (a client just disconnected): only the postmaster must take it.
        run("sh", "-c", "kill " + signal + " " + postmaster + " && { kill " + signal + " $(pgrep -P " + postmaster
                + ") 2>/dev/null; true; }");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        resume();
        stopServer();
        run("rm", "-rf", data.getParent().toString());
    }

    private void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
