package org.sekimori.policy.load;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.ExternalIdentity;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerStatus;

/**
 * Loads the directory of handlers from YAML. Every problem is reported at once with its line and
 * path; a password hash is never echoed into a message.
 */
public final class DirectoryFile {

    private static final Pattern USER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern ARGON2ID = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=\\d{1,8},t=\\d{1,3},p=\\d{1,3}\\$[A-Za-z0-9+/]{16,}\\$[A-Za-z0-9+/]{16,}");

    private static final Set<String> TOP = Set.of("handlers");
    private static final Set<String> HANDLER = Set.of("userId", "displayName", "organisation", "roles",
            "passwordHash", "status", "attributes", "contractor", "accessExpires", "mustChangePassword",
            "externalIdentities");
    private static final Set<String> EXTERNAL_IDENTITY = Set.of("issuer", "subject");

    private DirectoryFile() {
    }

    public static Directory load(Path file) {
        Problems problems = new Problems(file.toString());
        List<Handler> handlers = new ArrayList<>();
        YamlDocument.read(file, problems, TOP).ifPresent(top -> {
            FirstSeen userIds = new FirstSeen();
            FirstSeen externals = new FirstSeen();
            for (YamlMapping entry : top.mappings("handlers", true, HANDLER)) {
                Handler handler = handler(entry);
                userIds.check(entry, "userId", handler.userId(),
                        "user ID '%s' is already listed at line %d; every handler needs an individual user ID");
                for (ExternalIdentity identity : handler.externalIdentities()) {
                    externals.check(entry, "externalIdentities", identity.issuer() + " " + identity.subject(),
                            "external identity '%s' is already listed at line %d; one external account logs in as one handler");
                }
                handlers.add(handler);
            }
        });
        problems.throwIfAny();
        return new Directory(handlers);
    }

    private static Handler handler(YamlMapping entry) {
        String userId = entry.requiredText("userId");
        if (!userId.isEmpty() && !USER_ID.matcher(userId).matches()) {
            entry.report("userId", "must be 2 to 64 lower-case letters, digits, '.', '_' or '-', not '"
                    + userId + "'");
        }
        String passwordHash = entry.requiredText("passwordHash");
        if (!passwordHash.isEmpty() && !ARGON2ID.matcher(passwordHash).matches()) {
            entry.report("passwordHash", "must be an Argon2id hash in PHC form ($argon2id$v=19$m=..,t=..,p=..$salt$hash);"
                    + " make one with deploy/hash-password");
        }
        boolean contractor = entry.optionalFlag("contractor").orElse(false);
        Optional<LocalDate> accessExpires = accessExpires(entry);
        if (contractor && accessExpires.isEmpty() && !entry.has("accessExpires")) {
            entry.report("accessExpires", "is required for a contractor: a contractor's access must end "
                    + "(give the last day, e.g. 2027-03-31)");
        }
        return new Handler(userId,
                entry.requiredText("displayName"),
                entry.optionalText("organisation").orElse(""),
                roles(entry),
                passwordHash,
                entry.optionalConstant("status", HandlerStatus.class).orElse(HandlerStatus.ACTIVE),
                entry.textLists("attributes", true),
                contractor,
                accessExpires,
                entry.optionalFlag("mustChangePassword").orElse(false),
                externalIdentities(entry));
    }

    private static Optional<LocalDate> accessExpires(YamlMapping entry) {
        return entry.optionalText("accessExpires").flatMap(text -> {
            try {
                return Optional.of(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                entry.report("accessExpires", "must be a date like 2027-03-31, not '" + text + "'");
                return Optional.empty();
            }
        });
    }

    private static List<ExternalIdentity> externalIdentities(YamlMapping entry) {
        List<ExternalIdentity> identities = new ArrayList<>();
        for (YamlMapping identity : entry.mappings("externalIdentities", false, EXTERNAL_IDENTITY)) {
            identities.add(new ExternalIdentity(identity.requiredText("issuer"), identity.requiredText("subject")));
        }
        return identities;
    }

    private static List<String> roles(YamlMapping entry) {
        List<String> roles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlMapping.Item<String> role : entry.texts("roles", true)) {
            if (!Names.isId(role.value())) {
                entry.report("roles", "role '" + role.value() + "' at " + role.path()
                        + " must be a lower-case name of letters, digits and '-'");
            } else if (!seen.add(role.value())) {
                entry.report("roles", "role '" + role.value() + "' is listed twice");
            } else {
                roles.add(role.value());
            }
        }
        return roles;
    }
}
