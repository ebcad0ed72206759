package org.sekimori.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The real command-line clients a user would run (curl, openssl), run by a test. */
public final class Commands {

    private Commands() {
    }

    /** Exit status and standard output and error together. */
    public record Result(int exit, String output) {
    }

    public static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close(); // openssl s_client ends its session at end of input
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
