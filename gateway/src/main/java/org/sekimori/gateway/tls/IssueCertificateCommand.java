package org.sekimori.gateway.tls;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sekimori.keys.tls.InternalCa;
import org.sekimori.keys.tls.IssuedCertificate;
import org.sekimori.keys.tls.KeyStorePassword;

/**
 * {@code issue-certificate}: a certificate from the gateway's internal CA for a data system's
 * server (which then trusts the CA's {@code ca.pem} for the gateway's client certificate), or a
 * client certificate for an operator's own checks of a data system. Written as PEM beside the CA:
 * {@code <name>-server.pem} (chain) and {@code <name>-server-key.pem}, or {@code -client}. Run again
 * (daily, or before each start): it keeps the certificate on file unless it is missing, in the last
 * third of its life, not issued by the current CA (its signature is checked), without the key that
 * matches it, or (for a server) for other names than {@code --dns} and {@code --ip} ask now; so a
 * server that reloads its files on change is renewed without a restart, and a replaced CA or a lost
 * key is put right by the next run. The CA is created, as the gateway would create it, when there
 * is none yet. Exit status 0 when the
 * certificate is in place, 2 when the command is misused or the CA cannot be used.
 */
public final class IssueCertificateCommand {

    static final String USAGE = "usage: issue-certificate --server <name> [--dns <host>]... [--ip <address>]..."
            + " | --client <name>   [--keys <directory>] [--days <n>] [--force]";

    private static final Duration CA_LIFETIME = Duration.ofDays(TlsProperties.CA_LIFETIME_DAYS);

    private IssueCertificateCommand() {
    }

    /** What the command line asks for. */
    private record Arguments(String name, boolean server, List<String> hostnames, List<String> addresses, Path keys,
            Duration lifetime, boolean force) {

        Path chainFile() {
            return keys.resolve(name + (server ? "-server" : "-client") + ".pem");
        }

        Path keyFile() {
            return keys.resolve(name + (server ? "-server" : "-client") + "-key.pem");
        }
    }

    /** A command line the command cannot act on. */
    private static final class Refusal extends Exception {

        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    public static int run(List<String> args, PrintStream out, PrintStream err, Clock clock) {
        try {
            Arguments arguments = parse(args);
            Path caFile = arguments.keys().resolve(TlsProperties.CA_FILE);
            char[] password = KeyStorePassword.resolve(System.getenv(KeyStorePassword.VARIABLE),
                    arguments.keys().resolve(TlsProperties.PASSWORD_FILE));
            InternalCa ca = InternalCa.loadOrCreate(caFile, password, CA_LIFETIME, clock);
            Optional<X509Certificate> current = IssuedCertificate.leafOfPem(arguments.chainFile());
            Optional<String> reason = reasonToIssue(arguments, current, ca, clock.instant());
            if (reason.isEmpty()) {
                out.println("kept " + arguments.chainFile() + ", valid until " + current.get().getNotAfter().toInstant());
                return 0;
            }
            IssuedCertificate issued = arguments.server()
                    ? ca.issueServer(arguments.name(), arguments.hostnames(), arguments.addresses(), arguments.lifetime())
                    : ca.issueClient(arguments.name(), arguments.lifetime());
            issued.savePem(arguments.chainFile(), arguments.keyFile());
            out.println("issued " + arguments.chainFile() + " (key " + arguments.keyFile() + "), valid until "
                    + issued.notAfter() + ", as " + reason.get() + "; trust " + InternalCa.pemBeside(caFile) + " for the gateway's side");
            return 0;
        } catch (Refusal e) {
            err.println("issue-certificate: " + e.getMessage());
            return 2;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            err.println("issue-certificate: the certificate could not be issued: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("issue-certificate: a file could not be read or written: " + e);
            return 2;
        }
    }

    /**
     * Why the certificate on file cannot be kept, if it cannot: none yet, due, from another CA (as
     * after the CA was replaced), without its key, or for other names than those asked for now.
     */
    private static Optional<String> reasonToIssue(Arguments arguments, Optional<X509Certificate> current,
            InternalCa ca, Instant now) throws GeneralSecurityException, IOException {
        if (arguments.force()) {
            return Optional.of("--force asked");
        }
        if (current.isEmpty()) {
            return Optional.of("there was none");
        }
        X509Certificate leaf = current.get();
        if (!leaf.getNotAfter().toInstant().minus(arguments.lifetime().dividedBy(3)).isAfter(now)) {
            return Optional.of("the one there was in the last third of its life");
        }
        if (!ca.issued(leaf)) {
            return Optional.of("the one there was issued by another CA");
        }
        Optional<PrivateKey> key;
        try {
            key = IssuedCertificate.keyOfPem(arguments.keyFile());
        } catch (GeneralSecurityException unreadable) {
            return Optional.of("its key file could not be read");
        }
        if (key.isEmpty()) {
            return Optional.of("its key file was missing");
        }
        if (!IssuedCertificate.pairs(key.get(), leaf)) {
            return Optional.of("its key file held another key");
        }
        if (arguments.server() && !InternalCa.namesExactly(leaf, arguments.hostnames(), arguments.addresses())) {
            return Optional.of("the one there named other hosts than --dns and --ip");
        }
        return Optional.empty();
    }

    private static Arguments parse(List<String> args) throws Refusal {
        String server = null;
        String client = null;
        List<String> hostnames = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        Path keys = Path.of("data/keys");
        int days = TlsProperties.CERTIFICATE_LIFETIME_DAYS;
        boolean force = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--force")) {
                force = true;
                continue;
            }
            if (i + 1 == args.size()) {
                throw new Refusal((option.startsWith("--") ? option + " needs a value" : "unexpected " + option)
                        + "\n" + USAGE);
            }
            String value = args.get(++i);
            switch (option) {
                case "--server" -> server = name(value);
                case "--client" -> client = name(value);
                case "--dns" -> hostnames.add(value);
                case "--ip" -> addresses.add(value);
                case "--keys" -> keys = Path.of(value);
                case "--days" -> days = days(value);
                default -> throw new Refusal("unknown option " + option + "\n" + USAGE);
            }
        }
        if ((server == null) == (client == null)) {
            throw new Refusal("name either --server or --client\n" + USAGE);
        }
        if (server != null && hostnames.isEmpty() && addresses.isEmpty()) {
            throw new Refusal("a server certificate names the hosts it is reached by: give --dns or --ip\n" + USAGE);
        }
        if (client != null && !(hostnames.isEmpty() && addresses.isEmpty())) {
            throw new Refusal("a client certificate names no host: --dns and --ip go with --server\n" + USAGE);
        }
        return new Arguments(server != null ? server : client, server != null, hostnames, addresses, keys,
                Duration.ofDays(days), force);
    }

    /** Names become file names, so only letters, digits, dots and dashes, not starting with a dot. */
    private static String name(String value) throws Refusal {
        if (!value.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,62}")) {
            throw new Refusal("a name is 1 to 63 letters, digits, dots and dashes, starting with a letter or digit, not '"
                    + value + "'");
        }
        return value;
    }

    private static int days(String value) throws Refusal {
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= 397) {
                return days;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Refusal("--days takes a whole number of days from 1 to 397, not " + value);
    }
}
