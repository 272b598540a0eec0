package io.statebackend.testing;

import io.statebackend.plan.PlanResult;
import io.statebackend.plan.ProgramRun;
import io.statebackend.settings.StackConfig;
import io.statebackend.settings.StackFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The project's real stack files, and the program run on them (optionally with some values changed). */
public final class Stacks {

    public static final Path PROJECT_DIR = Path.of("").toAbsolutePath();

    private Stacks() {
    }

    public static StackFile file(String stack) {
        return StackFile.load(PROJECT_DIR, stack);
    }

    public static PlanResult run(String stack) {
        return ProgramRun.run(file(stack));
    }

    /**
     * Runs the program on a stack file with some keys changed ({@code state-backend:} is added to bare keys); a null
     * value removes the key, as if the stack file did not set it.
     */
    public static PlanResult runWith(String stack, Map<String, String> changes) {
        StackFile file = file(stack);
        return ProgramRun.run(file.projectName(), stack, withChanges(file, changes));
    }

    public static StackConfig withChanges(StackFile file, Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(file.values());
        changes.forEach((key, value) -> {
            String qualified = key.contains(":") ? key : file.projectName() + ":" + key;
            if (value == null) {
                values.remove(qualified);
            } else {
                values.put(qualified, value);
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
