package org.sekimori.policy.load;

import java.util.Comparator;

/**
 * One problem found in a configuration file, located precisely enough for an operator to fix it
 * without reading code.
 *
 * @param file the file as the operator named it
 * @param line 1-based line number, or 0 when the problem concerns the whole file
 * @param path where in the document, in dotted form with list indexes ({@code dataSystems[1].items[3].name})
 * @param message what is wrong and, where it helps, what would be right
 */
public record ConfigurationError(String file, int line, String path, String message) {

    static final Comparator<ConfigurationError> IN_FILE_ORDER =
            Comparator.comparing(ConfigurationError::file).thenComparingInt(ConfigurationError::line)
                    .thenComparing(ConfigurationError::path).thenComparing(ConfigurationError::message);

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
    }
}
