package org.sekimori.keys.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A finished run of an external tool: exit status, standard output, standard error. */
public record Command(int exit, byte[] output, String errors) {

    static Command run(byte[] input, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(input);
            } catch (IOException closedEarly) {
                // the tool did not read its input (it had no need of a password): its exit status tells
            }
            byte[] output = process.getInputStream().readAllBytes();
            return new Command(process.waitFor(), output, new String(errors.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output as text, for tools that print rather than decrypt. */
    String text() {
        return new String(output, StandardCharsets.UTF_8);
    }

    Command requireSuccess() {
        if (exit != 0) {
            throw new IllegalStateException("exit status " + exit + ": " + errors);
        }
        return this;
    }
}
