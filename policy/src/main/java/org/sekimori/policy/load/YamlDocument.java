package org.sekimori.policy.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML file into a node tree that still knows its line numbers. Only composes nodes, never
 * constructs objects from tags, so a configuration file cannot instantiate classes.
 */
final class YamlDocument {

    private static final int MAX_ALIASES = 20;

    private YamlDocument() {
    }

    /** The top-level mapping, or empty after reporting why the file cannot be read at all. */
    static Optional<YamlMapping> read(Path file, Problems problems, Set<String> topLevelKeys) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(true); // reported by YamlMapping with both line numbers
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                problems.add(0, "", "the file is empty");
                return Optional.empty();
            }
            return Optional.of(YamlMapping.of(root, "", problems, topLevelKeys));
        } catch (NoSuchFileException e) {
            problems.add(0, "", "no such file (working directory: " + Path.of("").toAbsolutePath() + ")");
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            problems.add(line, "", "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            problems.add(0, "", "not valid YAML: " + describe(e));
        } catch (IOException e) {
            problems.add(0, "", "cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String describe(YAMLException e) {
        return e.getCause() instanceof CharacterCodingException ? "the file is not UTF-8" : e.getMessage();
    }
}
