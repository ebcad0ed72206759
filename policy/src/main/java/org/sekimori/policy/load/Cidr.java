package org.sekimori.policy.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sekimori.policy.model.NetworkRange;

/** Parses address blocks without ever resolving a name, so a policy file cannot make the gateway look up DNS. */
public final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private Cidr() {
    }

    public static Optional<NetworkRange> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return Optional.empty();
        }
        String address = text.substring(0, slash);
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}")) {
            return Optional.empty();
        }
        Optional<InetAddress> literal = address(address);
        if (literal.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = literal.get().getAddress();
            int length = Integer.parseInt(prefix);
            if (length > bytes.length * 8) {
                return Optional.empty();
            }
            return Optional.of(new NetworkRange(text, bytes, length));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An IPv4 or IPv6 literal; empty for anything else, names included (they are never looked up). */
    public static Optional<InetAddress> address(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text)); // a literal: no lookup happens
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
