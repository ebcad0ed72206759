package org.sekimori.policy.load;

import java.util.regex.Pattern;

/** The rule every id in the ledger and the policy follows, so ids read the same everywhere. */
final class Names {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    private static final String ID_RULE = "must be a lower-case name of letters, digits and '-', 2 to 32 characters, "
            + "starting with a letter (like 'public-health')";

    private Names() {
    }

    static boolean isId(String text) {
        return ID.matcher(text).matches();
    }

    /** The required id under {@code key}, reported when it breaks the rule. */
    static String id(YamlMapping entry, String key) {
        String id = entry.requiredText(key);
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            entry.report(key, ID_RULE + ", not '" + id + "'");
        }
        return id;
    }
}
