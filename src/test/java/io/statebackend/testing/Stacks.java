package io.statebackend.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ProgramRun;
import io.statebackend.settings.Setting;
import io.statebackend.settings.StackConfig;
import io.statebackend.settings.StackFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The project's real stack files, and the program run on them (optionally with some values changed). */
public final class Stacks {

    public static final Path PROJECT_DIR = Path.of("").toAbsolutePath();

    private Stacks() {
    }

    /**
     * What an operator writes over Pulumi.prod.yaml's example ids before the first {@code pulumi up} (production
     * refuses the examples), in the engine's form: ids of the real shape, in no real tenant or account. The end-to-end
     * tests and the benchmark read the same file.
     */
    public static final Map<String, String> OWN_IDS = ownIds();

    /** The day every run of a test JVM counts key expiry from, so that two runs of a stack compare equal. */
    public static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private static Map<String, String> ownIds() {
        try (var in = Stacks.class.getResourceAsStream("/prod-own-ids.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("prod-own-ids.json is unreadable", e);
        }
    }

    /** The value {@link #OWN_IDS} gives a bare key of this project. */
    public static String ownId(String key) {
        return OWN_IDS.get(Setting.NAMESPACE + ":" + key);
    }

    /** The list {@link #OWN_IDS} gives a bare key of this project. */
    public static List<String> ownIdList(String key) {
        return listOf(ownId(key));
    }

    private static List<String> listOf(String json) {
        try {
            return new ObjectMapper().readValue(json, new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rewrites a copy of Pulumi.prod.yaml as an operator would before the first {@code pulumi up}: {@link #OWN_IDS}
     * in place of the examples.
     */
    public static void writeOwnIds(Path stackFile) {
        Map<String, Object> ids = new LinkedHashMap<>();
        for (Map.Entry<String, String> id : OWN_IDS.entrySet()) {
            ids.put(id.getKey(), id.getValue().startsWith("[") ? listOf(id.getValue()) : id.getValue());
        }
        setConfig(stackFile, ids);
    }

    /** Sets config values in a stack file, as an operator edits it: a string, a boolean or a list each as itself. */
    public static void setConfig(Path stackFile, Map<String, ?> values) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            ObjectNode root = (ObjectNode) yaml.readTree(stackFile.toFile());
            ObjectNode config = root.has("config") ? (ObjectNode) root.get("config") : root.putObject("config");
            values.forEach((key, value) -> config.set(key, yaml.valueToTree(value)));
            yaml.writeValue(stackFile.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subscription of {@link #OWN_IDS}' subnet, for other resource ids an operator would give. */
    public static String ownSubscription() {
        return ownId("azureExistingSubnetId").split("/")[2];
    }

    public static StackFile file(String stack) {
        return StackFile.load(PROJECT_DIR, stack);
    }

    /** The stack's config as the tests run it: the stack file, with {@link #OWN_IDS} in prod. */
    public static StackConfig config(String stack) {
        return withChanges(file(stack), ownIdsOf(stack));
    }

    /** A fresh run of the program on a stack's config; {@link Runs} keeps one per stack for the tests to share. */
    public static PlanResult run(String stack) {
        return execute(stack, Map.of());
    }

    /**
     * The program's run on a stack's config ({@link #config}) with some keys changed ({@code state-backend:} is added
     * to bare keys); a null value removes the key, as if the stack file did not set it. Tests that ask for the same
     * changes share one run: the program is deterministic, and a run's records are never modified.
     */
    public static PlanResult runWith(String stack, Map<String, String> changes) {
        return RUNS_WITH_CHANGES.computeIfAbsent(stack + new TreeMap<>(changes), key -> execute(stack, changes));
    }

    private static final Map<String, PlanResult> RUNS_WITH_CHANGES = new ConcurrentHashMap<>();

    private static PlanResult execute(String stack, Map<String, String> changes) {
        return ProgramRun.run(file(stack).projectName(), stack, configWith(stack, changes), TODAY);
    }

    /** The config {@link #runWith} runs the program on: {@link #config} with some keys changed. */
    public static StackConfig configWith(String stack, Map<String, String> changes) {
        StackFile file = file(stack);
        Map<String, String> all = new HashMap<>();
        ownIdsOf(stack).forEach((key, value) -> all.put(qualified(file, key), value));
        changes.forEach((key, value) -> all.put(qualified(file, key), value));
        return withChanges(file, all);
    }

    private static Map<String, String> ownIdsOf(String stack) {
        return stack.equals("prod") ? OWN_IDS : Map.of();
    }

    /** The key as Pulumi stores it: bare keys are the project's own. */
    private static String qualified(StackFile file, String key) {
        return key.contains(":") ? key : file.projectName() + ":" + key;
    }

    public static StackConfig withChanges(StackFile file, Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(file.values());
        changes.forEach((key, value) -> {
            if (value == null) {
                values.remove(qualified(file, key));
            } else {
                values.put(qualified(file, key), value);
            }
        });
        return new StackConfig() {
            @Override
            public Optional<String> get(String qualifiedKey) {
                return Optional.ofNullable(values.get(qualifiedKey));
            }

            @Override
            public Optional<Set<String>> keys() {
                return Optional.of(new HashSet<>(values.keySet()));
            }
        };
    }
}
