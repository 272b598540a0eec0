package io.statebackend.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * A stack's file, {@code Pulumi.<stack>.yaml}, read with its project's {@code Pulumi.yaml}. Its config is merged the
 * way the Pulumi CLI merges it (project defaults, then stack values) and rendered in the engine's form, so tests and
 * the offline plan run the program on the real stack files without the CLI. The bootstrap and migration commands
 * also ask it which secrets provider the stack records and which values are encrypted with it.
 */
public final class StackFile implements StackConfig {

    // Read as the CLI reads a stack file: yes/no/on/off are words, not booleans, and a key given twice is an error.
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME_CHARACTER = "[A-Za-z0-9_.-]";
    private static final String NAME = NAME_CHARACTER + "{1,100}";
    private static final Pattern STACK_NAME = Pattern.compile("^" + NAME + "$");

    private final Path path;
    private final JsonNode root;
    private final String projectName;
    private final String stackName;
    private final Map<String, String> values;

    private StackFile(Path path, JsonNode root, String projectName, String stackName, Map<String, String> values) {
        this.path = path;
        this.root = root;
        this.projectName = projectName;
        this.stackName = stackName;
        this.values = Map.copyOf(values);
    }

    /**
     * The named stack of the project in {@code projectDir}, to run the program on: the stack file must exist and hold
     * no encrypted values, since this program reads none.
     */
    public static StackFile load(Path projectDir, String stackName) {
        if (!isValidName(stackName)) {
            throw new StackFileException("stack name \"" + stackName + "\" is not valid: use letters, digits, '-', '_', '.'");
        }
        Path stackPath = projectDir.resolve("Pulumi." + stackName + ".yaml");
        JsonNode project = read(projectDir.resolve("Pulumi.yaml"));
        String projectName = nameOf(project);
        if (projectName.isEmpty()) {
            throw new StackFileException(projectDir.resolve("Pulumi.yaml") + ": no project name");
        }
        if (!Files.isRegularFile(stackPath)) {
            throw new StackFileException("no stack \"" + stackName + "\": " + stackPath.getFileName()
                    + " does not exist; stacks here: " + String.join(", ", stackNames(projectDir)));
        }
        StackFile file = of(stackPath, read(stackPath), projectName, project, stackName);
        file.secureConfigKeys().stream().findFirst().ifPresent(key -> {
            throw new StackFileException(stackPath.getFileName() + ": " + key
                    + " is an encrypted secret; this program reads no secrets from config");
        });
        return file;
    }

    /**
     * The stack of the project in {@code projectDir}
     * as the bootstrap and migration commands see it: a missing stack file reads as empty, and encrypted values are
     * allowed. A directory without {@code Pulumi.yaml}, or a stack named with another project than the directory's, is
     * refused.
     */
    public static StackFile inspect(Path projectDir, Reference stack) {
        Path stackPath = projectDir.resolve("Pulumi." + stack.name() + ".yaml");
        Path projectFile = projectDir.resolve("Pulumi.yaml");
        if (!isProject(projectDir)) {
            throw new StackFileException(projectFile + " does not exist: run from the stack's project directory or pass"
                    + " it with --project-dir");
        }
        JsonNode project = read(projectFile);
        String projectName = nameOf(project);
        stack.project().filter(named -> !projectName.isEmpty() && !named.equals(projectName)).ifPresent(named -> {
            throw new StackFileException(stack + " is a stack of project '" + named + "', but Pulumi.yaml is project '"
                    + projectName + "': pass that project's directory with --project-dir");
        });
        return of(stackPath, Files.isRegularFile(stackPath) ? read(stackPath) : YAML.createObjectNode(), projectName,
                project, stack.name());
    }

    /** Whether {@code dir} is a Pulumi project: it holds a {@code Pulumi.yaml}. */
    public static boolean isProject(Path dir) {
        return Files.isRegularFile(dir.resolve("Pulumi.yaml"));
    }

    private static String nameOf(JsonNode project) {
        return project.path("name").asText("");
    }

    /** {@link #inspect(Path, Reference)} for a stack name already checked, qualified or not. */
    public static StackFile inspect(Path projectDir, String stack) {
        return inspect(projectDir, Reference.parse(stack));
    }

    private static StackFile of(Path stackPath, JsonNode root, String projectName, JsonNode project, String stackName) {
        Map<String, String> values = new TreeMap<>(projectDefaults(projectName, project.path("config")));
        JsonNode stackConfig = root.path("config");
        if (!stackConfig.isMissingNode() && !stackConfig.isNull() && !stackConfig.isObject()) {
            throw new StackFileException(stackPath.getFileName() + ": 'config' must be a mapping of keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = stackConfig.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(qualify(projectName, entry.getKey()), engineForm(entry.getValue()));
        }
        return new StackFile(stackPath, root, projectName, stackName, values);
    }

    /** Whether {@code stackName} can name a stack file here: letters, digits, '-', '_', '.' (at most 100). */
    public static boolean isValidName(String stackName) {
        return STACK_NAME.matcher(stackName).matches();
    }

    /**
     * A stack as the Pulumi CLI names it, {@code name}, {@code org/name} or {@code org/project/name}: each part letters, digits, '-', '_', '.'.
     * The organisation is the backend's business; the project, when given, must be the one whose files name it.
     */
    public record Reference(String text, Optional<String> project, String name) {

        private static final Pattern QUALIFIED = Pattern.compile(
                "^(?:" + NAME_CHARACTER + "+/(?:(" + NAME_CHARACTER + "+)/)?)?(" + NAME + ")$");

        /** Parses {@code stack}, or throws {@link IllegalArgumentException} saying what a stack name is. */
        public static Reference parse(String stack) {
            var matcher = QUALIFIED.matcher(stack);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + stack + "' is not a stack name: use [org/[project/]]stack,"
                        + " each part letters, digits, '-', '_', '.'");
            }
            return new Reference(stack, Optional.ofNullable(matcher.group(1)), matcher.group(2));
        }

        @Override
        public String toString() {
            return text;
        }
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

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.isRegularFile(path);
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

    /**
     * Whether the stack turns a cloud on with its switch, set with or without the project's namespace, else (unset or
     * blank, as the program reads it) its default.
     */
    public boolean cloudEnabled(Setting<Boolean> enabledSwitch) {
        return SettingsReader.raw(this, enabledSwitch).map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * The secrets provider the stack file names when it is a key service rather than the passphrase: what
     * {@code pulumi stack migrate} writes there once the stack has moved into a backend of its own.
     */
    public Optional<String> keyServiceSecretsProvider() {
        String provider = root.path("secretsprovider").asText("");
        return provider.isEmpty() || provider.equals("passphrase") ? Optional.empty() : Optional.of(provider);
    }

    /** True when the stack uses the passphrase provider (it then has an {@code encryptionsalt}). */
    public boolean usesPassphrase() {
        return root.hasNonNull("encryptionsalt") || "passphrase".equals(root.path("secretsprovider").asText());
    }

    /**
     * Config keys whose value is, or contains, a {@code secure:} value. These are encrypted with the stack's data
     * key and become unreadable if the stack is re-created with another key, so a move must re-encrypt them.
     */
    public List<String> secureConfigKeys() {
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("config").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (containsSecure(entry.getValue())) {
                keys.add(entry.getKey());
            }
        }
        return keys;
    }

    private static boolean containsSecure(JsonNode node) {
        if (node.isObject() && node.size() == 1 && node.has("secure")) {
            return true;
        }
        for (JsonNode child : node) {
            if (containsSecure(child)) {
                return true;
            }
        }
        return false;
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

    /** A value as the CLI hands it to a program: a scalar's text ("" for an empty one), anything else as JSON. */
    private static String engineForm(JsonNode value) {
        if (value.isNull()) {
            return "";
        }
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
            if (node == null || node.isMissingNode()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new StackFileException(path.getFileName() + ": expected a YAML mapping at the top level");
            }
            return node;
        } catch (IOException e) {
            throw new StackFileException(path.getFileName() + ": not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
