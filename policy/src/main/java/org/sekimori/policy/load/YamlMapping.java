package org.sekimori.policy.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping with a closed set of keys and its position in the document. Unknown keys,
 * duplicate keys and values of the wrong shape are reported to {@link Problems} as they are met;
 * accessors then answer with empty values so that loading goes on and finds every other problem.
 */
final class YamlMapping {

    private final Node node;
    private final String path;
    private final Problems problems;
    private final Map<String, Node> values;

    private YamlMapping(Node node, String path, Problems problems, Map<String, Node> values) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.values = values;
    }

    static YamlMapping of(Node node, String path, Problems problems, Set<String> allowedKeys) {
        Map<String, Node> values = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, path, "must be a mapping of " + String.join(", ", new TreeSet<>(allowedKeys)));
            return new YamlMapping(node, path, problems, values);
        }
        Map<String, Integer> firstLines = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(tuple.getKeyNode(), path, "keys must be plain names");
                continue;
            }
            String key = keyNode.getValue();
            int line = keyNode.getStartMark().getLine() + 1;
            Integer first = firstLines.putIfAbsent(key, line);
            if (first != null) {
                problems.add(keyNode, child(path, key), "duplicate key (first given at line " + first + ")");
            } else if (!allowedKeys.contains(key)) {
                problems.add(keyNode, child(path, key),
                        "unknown key; expected one of " + String.join(", ", new TreeSet<>(allowedKeys)));
            } else {
                values.put(key, tuple.getValueNode());
            }
        }
        return new YamlMapping(node, path, problems, values);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return child(path, key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** Text that must be present and not blank; "" after reporting when it is not. */
    String requiredText(String key) {
        Optional<String> text = optionalText(key);
        if (text.isEmpty() && !values.containsKey(key)) {
            problems.add(node, path(key), "is required");
        }
        return text.orElse("");
    }

    Optional<String> optionalText(String key) {
        Node value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof ScalarNode scalar)) {
            problems.add(value, path(key), "must be text, not a " + shape(value));
            return Optional.empty();
        }
        String text = scalar.getValue().strip();
        if (text.isEmpty()) {
            problems.add(value, path(key), "must not be empty");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    Optional<Boolean> optionalFlag(String key) {
        return optionalText(key).flatMap(text -> switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                report(key, "must be true or false, not '" + text + "'");
                yield Optional.empty();
            }
        });
    }

    /** A lower-case constant name of {@code type}; reports any other text with the allowed ones. */
    <E extends Enum<E>> Optional<E> optionalConstant(String key, Class<E> type) {
        return optionalText(key).flatMap(text -> {
            E constant = Constants.of(type, text);
            if (constant == null) {
                report(key, "must be one of " + Constants.list(type) + ", not '" + text + "'");
            }
            return Optional.ofNullable(constant);
        });
    }

    /** A list of text values; reports a missing or empty list when {@code required}. */
    List<Item<String>> texts(String key, boolean required) {
        List<Item<String>> texts = new ArrayList<>();
        for (Item<Node> element : elements(key, required)) {
            if (element.value() instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                texts.add(new Item<>(scalar.getValue().strip(), element.path(), element.line()));
            } else {
                problems.add(element.value(), element.path(), "must be non-empty text");
            }
        }
        return texts;
    }

    /** A list of mappings with the given keys; reports a missing or empty list when {@code required}. */
    List<YamlMapping> mappings(String key, boolean required, Set<String> allowedKeys) {
        return elements(key, required).stream()
                .map(element -> of(element.value(), element.path(), problems, allowedKeys))
                .toList();
    }

    /**
     * A mapping under {@code key} whose keys the caller interprets (such as item names) and whose
     * values are text; duplicate keys and non-text values are reported. It may be empty.
     */
    List<Entry> textEntries(String key, boolean required) {
        List<Entry> entries = new ArrayList<>();
        for (Keyed keyed : keyed(key, required, true)) {
            if (!(keyed.value() instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
                problems.add(keyed.value(), keyed.path(), "must be non-empty text");
            } else {
                entries.add(new Entry(keyed.name(), scalar.getValue().strip(), keyed.path(), keyed.line()));
            }
        }
        return entries;
    }

    /**
     * A mapping under {@code key} of names to lists of text, such as a handler's attributes.
     * {@code namesInMessages} false keeps the names out of reported paths, for names that identify
     * a person (a subject's record key): configuration errors are logged.
     */
    Map<String, List<String>> textLists(String key, boolean namesInMessages) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (Keyed keyed : keyed(key, false, namesInMessages)) {
            if (!(keyed.value() instanceof SequenceNode sequence)) {
                problems.add(keyed.value(), keyed.path(), "must be a list of text");
                continue;
            }
            List<String> texts = new ArrayList<>();
            for (Node element : sequence.getValue()) {
                if (element instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                    texts.add(scalar.getValue().strip());
                } else {
                    problems.add(element, keyed.path(), "must list non-empty text");
                }
            }
            lists.put(keyed.name(), texts);
        }
        return lists;
    }

    /** The entries of an open mapping under {@code key}, plain names only, each once; the rest reported. */
    private List<Keyed> keyed(String key, boolean required, boolean namesInPaths) {
        Node value = values.get(key);
        if (value == null) {
            if (required) {
                problems.add(node, path(key), "is required");
            }
            return List.of();
        }
        if (!(value instanceof MappingNode mapping)) {
            problems.add(value, path(key), "must be a mapping, not a " + shape(value));
            return List.of();
        }
        List<Keyed> entries = new ArrayList<>();
        Map<String, Integer> firstLines = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getValue().isBlank()) {
                problems.add(tuple.getKeyNode(), path(key), "keys must be plain names");
                continue;
            }
            String name = keyNode.getValue().strip();
            String entryPath = namesInPaths ? path(key) + "." + name : path(key);
            int line = keyNode.getStartMark().getLine() + 1;
            Integer first = firstLines.putIfAbsent(name, line);
            if (first != null) {
                problems.add(keyNode, entryPath, "duplicate key (first given at line " + first + ")");
            } else {
                entries.add(new Keyed(name, tuple.getValueNode(), entryPath, line));
            }
        }
        return entries;
    }

    private record Keyed(String name, Node value, String path, int line) {
    }

    /** A mapping under {@code key} with its own closed set of keys, if present. */
    Optional<YamlMapping> optionalMapping(String key, Set<String> allowedKeys) {
        Node value = values.get(key);
        return value == null ? Optional.empty() : Optional.of(of(value, path(key), problems, allowedKeys));
    }

    /** Reports a problem with the value under {@code key} (or with this mapping when it is absent). */
    void report(String key, String message) {
        problems.add(values.getOrDefault(key, node), path(key), message);
    }

    int line(String key) {
        return values.getOrDefault(key, node).getStartMark().getLine() + 1;
    }

    private List<Item<Node>> elements(String key, boolean required) {
        Node value = values.get(key);
        if (value == null) {
            if (required) {
                problems.add(node, path(key), "is required and must list at least one entry");
            }
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            problems.add(value, path(key), "must be a list, not a " + shape(value));
            return List.of();
        }
        if (required && sequence.getValue().isEmpty()) {
            problems.add(value, path(key), "must list at least one entry");
        }
        List<Item<Node>> elements = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Node element = nodes.get(i);
            elements.add(new Item<>(element, path(key) + "[" + i + "]", element.getStartMark().getLine() + 1));
        }
        return elements;
    }

    private static String shape(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "mapping";
            case sequence -> "list";
            default -> "scalar";
        };
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** One key and its text value from an open mapping, with where it was given. */
    record Entry(String name, String value, String path, int line) {
    }

    /** A value with the path and line it came from, for reporting problems found later. */
    record Item<T>(T value, String path, int line) {
    }
}
