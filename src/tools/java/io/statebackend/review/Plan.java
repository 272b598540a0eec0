package io.statebackend.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ProgramRun;
import io.statebackend.mockrun.RecordsWriter;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.settings.SettingsException;
import io.statebackend.settings.StackFile;
import io.statebackend.settings.StackFileException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline plan: runs the real program for a named stack under the mock engine (no credentials, no Pulumi CLI) and
 * prints what {@code pulumi up} would create, each resource's settings, the outputs it would export, and the policy
 * pack's verdict per control. It shows desired state, never what exists in a cloud.
 *
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=io.statebackend.review.Plan -Dexec.args="prod [--json]"</pre>
 */
public final class Plan {

    static final String HEADER = "OFFLINE PLAN: the desired state the program declares for this stack under Pulumi's mock "
            + "engine. It is not cloud state: nothing was read from or created in any cloud, and ids are placeholders.";
    /** Inputs that locate or label a resource but say nothing about its security. */
    private static final Set<String> NOISE = Set.of("tags", "location", "resourceGroupName");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Plan() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Path.of("").toAbsolutePath(), System.out, System.err));
    }

    /** Runs the plan and returns the process exit code: 0 planned, 1 the program rejected the stack, 2 bad usage. */
    static int run(String[] args, Path projectDir, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        boolean json = false;
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.startsWith("-")) {
                err.println("plan: unknown option " + arg + "; usage: plan <stack> [--json]");
                return 2;
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 1) {
            err.println("plan: name one stack; usage: plan <stack> [--json]");
            return 2;
        }
        StackFile stack;
        try {
            stack = StackFile.load(projectDir, positional.get(0));
        } catch (StackFileException e) {
            err.println("plan: " + e.getMessage());
            return 2;
        }
        PlanResult result = ProgramRun.run(stack);
        if (result.error().isPresent()) {
            Throwable error = result.error().get();
            err.println("plan: " + (error instanceof SettingsException ? error.getMessage() : error.toString()));
            return 1;
        }
        PackVerdicts verdicts = PackVerdicts.evaluate(projectDir, result);
        if (json) {
            out.println(toJson(result, verdicts));
        } else {
            printText(result, verdicts, out);
        }
        return 0;
    }

    private static String toJson(PlanResult result, PackVerdicts verdicts) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("notice", HEADER);
        doc.put("project", result.project());
        doc.put("stack", result.stack());
        doc.put("resources", RecordsWriter.document(result).get("resources"));
        doc.put("outputs", result.outputs());
        doc.put("policyPack", verdicts.asJson());
        try {
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printText(PlanResult result, PackVerdicts verdicts, PrintStream out) {
        out.println(HEADER);
        out.println();
        out.println("Stack " + result.project() + "/" + result.stack() + ": " + (result.resources().size() - 1)
                + " resources would be created");
        printTree(result, null, "", out);
        out.println();
        out.println("Outputs:");
        result.outputs().forEach((name, value) -> out.println("  " + name + " = " + value));
        out.println();
        verdicts.print(out);
    }

    private static void printTree(PlanResult result, String parentKey, String indent, PrintStream out) {
        for (ResourceRecord r : result.resources()) {
            boolean child = parentKey == null ? r.parent() == null : parentKey.equals(r.parent());
            if (!child) {
                continue;
            }
            out.println(indent + "+ " + r.type() + "  " + r.name() + (r.protect() ? "  [protected]" : "")
                    + (r.dependsOn().isEmpty() ? "" : "  (after " + String.join(", ", r.dependsOn()) + ")"));
            flatten("", r.inputs(), new LinkedHashMap<>()).forEach((path, value) ->
                    out.println(indent + "      " + path + " = " + value));
            printTree(result, r.key(), indent + "    ", out);
        }
    }

    /** Every leaf input as {@code a.b[0].c = value}, leaving out location and labels. */
    static Map<String, String> flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!(prefix.isEmpty() && NOISE.contains(String.valueOf(k)))) {
                    flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into);
                }
            });
        } else if (value instanceof List<?> list && list.stream().anyMatch(e -> e instanceof Map<?, ?>)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else {
            into.put(prefix, String.valueOf(value));
        }
        return into;
    }

    /** The policy pack's verdicts on a run; absent when the pack has not been built. */
    record PackVerdicts(JsonNode verdicts, String unavailableBecause) {

        static PackVerdicts evaluate(Path projectDir, PlanResult result) {
            PolicyPackReport.Outcome outcome = PolicyPackReport.run(projectDir, result, true);
            if (outcome.output() == null) {
                return new PackVerdicts(null, outcome.unavailableBecause());
            }
            try {
                return new PackVerdicts(JSON.readTree(outcome.output()), null);
            } catch (IOException e) {
                return new PackVerdicts(null, "the policy pack's report is not JSON: " + e.getMessage());
            }
        }

        Object asJson() {
            return verdicts != null ? verdicts : Map.of("unavailable", unavailableBecause);
        }

        void print(PrintStream out) {
            out.println("Policy pack verdicts:");
            if (verdicts == null) {
                out.println("  unavailable: " + unavailableBecause);
                return;
            }
            for (JsonNode v : verdicts.path("verdicts")) {
                out.println("  " + v.path("status").asText().toUpperCase() + "  " + v.path("controlId").asText()
                        + "  " + v.path("policy").asText() + "  " + v.path("resource").asText()
                        + "  (" + v.path("enforcementLevel").asText() + ")"
                        + (v.path("message").asText().isEmpty() ? "" : ": " + v.path("message").asText()));
            }
        }
    }
}
