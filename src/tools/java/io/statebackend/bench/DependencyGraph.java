package io.statebackend.bench;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ProgramRun;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.settings.StackFile;
import io.statebackend.settings.StackFileException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create-order graph of a stack as the engine receives it: every resource with all the resources it waits for,
 * explicit ({@code dependsOn}) and implicit (an input that is another resource's output), as {@link ProgramRun}
 * records them. The engine creates a resource once everything it waits for exists, so the longest chain is the
 * deploy's critical path.
 */
public final class DependencyGraph {

    /** One resource ({@code type::name}), the resources it waits for, and whether it is a component (created at once). */
    public record Node(String key, String type, String name, List<String> waitsFor, boolean custom) {
    }

    private final Map<String, Node> nodes;

    private DependencyGraph(Map<String, Node> nodes) {
        this.nodes = nodes;
    }

    /** The graph of what a run of the program declared; a child also waits for its parent. */
    public static DependencyGraph of(PlanResult run) {
        run.error().ifPresent(e -> {
            throw new IllegalStateException("the " + run.stack() + " stack failed", e);
        });
        Map<String, Node> byKey = new LinkedHashMap<>();
        for (ResourceRecord record : run.resources()) {
            List<String> waitsFor = new ArrayList<>(record.waitsFor());
            if (record.parent() != null) {
                waitsFor.add(record.parent());
            }
            byKey.put(record.key(), new Node(record.key(), record.type(), record.name(), waitsFor, record.custom()));
        }
        return new DependencyGraph(byKey);
    }

    /** The resources this one waits for, by {@code type::name}. */
    public List<String> waitsFor(String type, String name) {
        Node node = nodes.values().stream().filter(n -> n.type().equals(type) && n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type + "::" + name));
        return node.waitsFor();
    }

    /**
     * The longest chain of creates, first to last, counting only custom resources (components and the stack are
     * created instantly and only pass their children's dependencies through).
     */
    public List<Node> criticalPath() {
        Map<String, List<Node>> memo = new HashMap<>();
        List<Node> longest = List.of();
        for (Node node : nodes.values()) {
            List<Node> chain = chainEndingAt(node, memo);
            if (chain.size() > longest.size()) {
                longest = chain;
            }
        }
        return longest;
    }

    private List<Node> chainEndingAt(Node node, Map<String, List<Node>> memo) {
        List<Node> known = memo.get(node.key());
        if (known != null) {
            return known;
        }
        List<Node> best = List.of();
        for (String dependency : node.waitsFor()) {
            Node before = nodes.get(dependency);
            if (before != null) {
                List<Node> chain = chainEndingAt(before, memo);
                if (chain.size() > best.size()) {
                    best = chain;
                }
            }
        }
        List<Node> chain = new ArrayList<>(best);
        if (node.custom()) {
            chain.add(node);
        }
        memo.put(node.key(), List.copyOf(chain));
        return memo.get(node.key());
    }

    /**
     * Prints each stack's critical path:
     * {@code mvn -q test-compile exec:java -Dexec.mainClass=io.statebackend.bench.DependencyGraph}.
     */
    public static void main(String[] args) {
        java.nio.file.Path projectDir = java.nio.file.Path.of("").toAbsolutePath();
        for (String stack : args.length > 0 ? List.of(args) : StackFile.stackNames(projectDir)) {
            List<Node> path;
            try {
                path = of(ProgramRun.run(StackFile.load(projectDir, stack))).criticalPath();
            } catch (StackFileException e) {
                System.err.println("dependency-graph: " + e.getMessage());
                System.exit(2);
                return;
            } catch (IllegalStateException e) {
                System.err.println("dependency-graph: " + e.getMessage() + ": " + e.getCause().getMessage());
                System.exit(1);
                return;
            }
            System.out.println(stack + ": " + path.size() + " creates in the longest chain");
            path.forEach(n -> System.out.println("  " + n.type() + "  " + n.name()));
        }
    }
}
