package org.sekimori.gateway.audit.chain;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sekimori.keys.CheckpointPublicKey;

/**
 * {@code verify-records --public-key <file>... [--checkpoints <file> [--exported-at <time>]] <export>}:
 * lets an auditor check an export of the audit trail offline, with nothing but the public keys (the
 * old ones too, after a rotation) and, best, the checkpoint copy kept outside the store. A copy taken
 * after the export holds checkpoints of records made since, which would look like records cut off:
 * {@code --exported-at} says when the export was made, so that those are told apart. Exit status
 * 0 when the export is intact, 1 when it was tampered with, 2 when the command is misused or a file
 * cannot be read (said on standard error, without a stack trace).
 */
public final class VerifyRecordsCommand {

    static final String USAGE = "usage: verify-records --public-key <file> [--public-key <file>]..."
            + " [--checkpoints <file> [--exported-at <time>]] <export.ndjson>";

    private static final Set<String> OPTIONS = Set.of("--public-key", "--checkpoints", "--exported-at");

    private VerifyRecordsCommand() {
    }

    /** What the command line asks for. */
    private record Arguments(List<Path> publicKeys, Optional<Path> checkpoints, Optional<Instant> exportedAt,
            Path export) {
    }

    /** A command line the command cannot act on, or a file it cannot read. */
    private static final class Refusal extends Exception {

        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Arguments arguments = parse(args);
            List<CheckpointPublicKey> keys = new ArrayList<>();
            for (Path file : arguments.publicKeys()) {
                keys.add(readKey(file));
            }
            readable(arguments.export());
            Supplier<Stream<String>> copy = Stream::empty;
            if (arguments.checkpoints().isPresent()) {
                copy = ExportFile.lines(readable(arguments.checkpoints().get()));
            }
            Verification verification = new ChainVerifier(keys).verify(ExportFile.lines(arguments.export()), copy,
                    arguments.exportedAt().orElse(Instant.MAX));
            out.println(header(arguments, keys));
            out.print(VerificationReport.text(verification));
            if (mayBeNewerCopy(arguments, verification)) {
                out.println("  If the checkpoint copy was taken after the export, give the time of the export with"
                        + " --exported-at: checkpoints signed later seal records made since, and are not held against it.");
            }
            return verification.intact() ? 0 : 1;
        } catch (Refusal e) {
            err.println("verify-records: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            err.println("verify-records: a file could not be read while it was verified: " + e.getCause());
            return 2;
        } catch (RuntimeException e) {
            // A fault of the verifier itself: said in a line, since a stack trace means nothing to an auditor.
            err.println("verify-records: the export could not be verified: " + e);
            return 2;
        }
    }

    private static Arguments parse(List<String> args) throws Refusal {
        List<Path> publicKeys = new ArrayList<>();
        Optional<Path> checkpoints = Optional.empty();
        Optional<Instant> exportedAt = Optional.empty();
        List<Path> exports = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                exports.add(Path.of(arg));
                continue;
            }
            if (!OPTIONS.contains(arg)) {
                throw new Refusal("unknown option " + arg + "\n" + USAGE);
            }
            if (i + 1 == args.size()) {
                throw new Refusal(arg + " needs a value\n" + USAGE);
            }
            String value = args.get(++i);
            switch (arg) {
                case "--public-key" -> publicKeys.add(Path.of(value));
                case "--checkpoints" -> checkpoints = once(arg, checkpoints, Path.of(value));
                default -> exportedAt = once(arg, exportedAt, instant(value));
            }
        }
        if (publicKeys.isEmpty()) {
            throw new Refusal("name the public key of the checkpoints with --public-key, e.g. data/keys/checkpoint.pub\n"
                    + USAGE);
        }
        if (exports.size() != 1) {
            throw new Refusal("name one export file, not " + exports.size() + "\n" + USAGE);
        }
        return new Arguments(publicKeys, checkpoints, exportedAt, exports.get(0));
    }

    private static <T> Optional<T> once(String option, Optional<T> given, T value) throws Refusal {
        if (given.isPresent()) {
            throw new Refusal(option + " is given twice\n" + USAGE);
        }
        return Optional.of(value);
    }

    private static Instant instant(String value) throws Refusal {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal("--exported-at takes a time with its offset, e.g. 2026-11-24T10:15:00+09:00, not "
                    + value);
        }
    }

    /** Whether a cut-off end could be a checkpoint copy newer than the export, which the auditor can rule out. */
    private static boolean mayBeNewerCopy(Arguments arguments, Verification verification) {
        return arguments.checkpoints().isPresent() && arguments.exportedAt().isEmpty()
                && verification.problem().filter(problem -> problem.kind() == Problem.Kind.TRUNCATED).isPresent();
    }

    private static String header(Arguments arguments, List<CheckpointPublicKey> keys) {
        return "Export " + arguments.export() + arguments.exportedAt().map(time -> " (made " + time + ")").orElse("")
                + ", checked with " + keys.stream().map(VerifyRecordsCommand::describe).collect(Collectors.joining(", "))
                + arguments.checkpoints().map(file -> " and the checkpoint copy " + file)
                        .orElse(", without a checkpoint copy (records cut off the end with their checkpoints would"
                                + " not show)")
                + ".";
    }

    private static CheckpointPublicKey readKey(Path file) throws Refusal {
        try {
            return CheckpointPublicKey.read(file);
        } catch (IOException e) {
            throw new Refusal("the public key " + file + " cannot be read: " + reason(e));
        }
    }

    private static Path readable(Path file) throws Refusal {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Refusal(file + " cannot be read: " + (Files.exists(file) ? "not a readable file" : "no such file"));
        }
        return file;
    }

    private static String describe(CheckpointPublicKey key) {
        return key.id() == null ? "a public key without a key id" : "public key " + key.id();
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
