package org.sekimori.policy.load;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem in one file so that loading reports them all at once. */
final class Problems {

    private final String file;
    private final List<ConfigurationError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Node at, String path, String message) {
        add(at == null ? 0 : at.getStartMark().getLine() + 1, path, message);
    }

    void add(int line, String path, String message) {
        errors.add(new ConfigurationError(file, line, path, message));
    }

    List<ConfigurationError> errors() {
        return List.copyOf(errors);
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
    }
}
