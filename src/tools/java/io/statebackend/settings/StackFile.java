package io.statebackend.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stack's config read straight from {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml}, merged the way the Pulumi
 * CLI merges them (project defaults, then stack values) and rendered in the engine's form. Lets tests and the offline
 * plan run the program on the real stack files without the CLI.
 */
public final class StackFile implements StackConfig {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,100}$");

    private final String projectName;
    private final String stackName;
    private final Map<String, String> values;

    private StackFile(String projectName, String stackName, Map<String, String> values) {
        this.projectName = projectName;
        this.stackName = stackName;
        this.values = Map.copyOf(values);
    }

    /** Reads the project in {@code projectDir} and the named stack's file. */
    public static StackFile load(Path projectDir, String stackName) {
        if (!isValidName(stackName)) {
            throw new StackFileException("stack name \"" + stackName + "\" is not valid: use letters, digits, '-', '_', '.'");
        }
        JsonNode project = read(projectDir.resolve("Pulumi.yaml"));
        String projectName = project.path("name").asText("");
        if (projectName.isEmpty()) {
            throw new StackFileException(projectDir.resolve("Pulumi.yaml") + ": no project name");
        }
        Path stackPath = projectDir.resolve("Pulumi." + stackName + ".yaml");
        if (!Files.isRegularFile(stackPath)) {
            throw new StackFileException("no stack \"" + stackName + "\": " + stackPath.getFileName()
                    + " does not exist; stacks here: " + String.join(", ", stackNames(projectDir)));
        }
        Map<String, String> values = new TreeMap<>(projectDefaults(projectName, project.path("config")));
        JsonNode stackConfig = read(stackPath).path("config");
        if (!stackConfig.isMissingNode() && !stackConfig.isNull() && !stackConfig.isObject()) {
            throw new StackFileException(stackPath.getFileName() + ": 'config' must be a mapping of keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = stackConfig.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().has("secure")) {
                throw new StackFileException(stackPath.getFileName() + ": " + entry.getKey()
                        + " is an encrypted secret; this program reads no secrets from config");
            }
            values.put(qualify(projectName, entry.getKey()), engineForm(entry.getValue()));
        }
        return new StackFile(projectName, stackName, values);
    }

    /** Whether {@code stackName} can name a stack file here: letters, digits, '-', '_', '.' (at most 100). */
    public static boolean isValidName(String stackName) {
        return STACK_NAME.matcher(stackName).matches();
    }

    /** The stacks that have a file in {@code projectDir}, sorted. */
    public static List<String> stackNames(Path projectDir) {
        try (Stream<Path> files = Files.list(projectDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml") && !n.equals("Pulumi.yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new StackFileException(projectDir + ": cannot list stack files (" + e.getMessage() + ")");
        }
    }

    public String projectName() {
        return projectName;
    }

    public String stackName() {
        return stackName;
    }

    /** All values in the engine's form: {@code namespace:key} to raw string, structured values as JSON. */
    public Map<String, String> values() {
        return values;
    }

    @Override
    public Optional<String> get(String qualifiedKey) {
        return Optional.ofNullable(values.get(qualifiedKey));
    }

    @Override
    public Optional<Set<String>> keys() {
        return Optional.of(values.keySet());
    }

    private static Map<String, String> projectDefaults(String projectName, JsonNode declarations) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = declarations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode declaration = entry.getValue();
            JsonNode value = declaration.isObject() ? declaration.path("default") : declaration;
            if (!value.isMissingNode()) {
                defaults.put(qualify(projectName, entry.getKey()), engineForm(value));
            }
        }
        return defaults;
    }

    private static String qualify(String projectName, String key) {
        return key.contains(":") ? key : projectName + ":" + key;
    }

    private static String engineForm(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new StackFileException(path + " does not exist");
        }
        try {
            JsonNode node = YAML.readTree(path.toFile());
            if (node == null || !node.isObject()) {
                throw new StackFileException(path.getFileName() + ": expected a YAML mapping at the top level");
            }
            return node;
        } catch (IOException e) {
            throw new StackFileException(path.getFileName() + ": not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
