package io.statebackend.bench;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import io.statebackend.App;
import io.statebackend.mockrun.PlanMocks;
import io.statebackend.settings.StackConfig;
import io.statebackend.settings.StackFile;
import io.statebackend.settings.StackFileException;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The create-order graph of a stack as the engine receives it: every resource with all the resources it waits for,
 * explicit ({@code dependsOn}) and implicit (an input that is another resource's output). The engine creates a
 * resource once everything it waits for exists, so the longest chain is the deploy's critical path.
 *
 * <p>This reads the registration requests through the mock engine's monitor, an internal API of the Pulumi Java SDK
 * (the public test API does not expose dependencies); it is used for analysis only, never by the program.
 */
public final class DependencyGraph {

    /** One registered resource: its URN, the URNs it waits for, and whether it is a component (created instantly). */
    public record Node(String urn, String type, String name, List<String> waitsFor, boolean custom) {
    }

    private final Map<String, Node> nodes;

    private DependencyGraph(Map<String, Node> nodes) {
        this.nodes = nodes;
    }

    public static DependencyGraph of(StackFile stack) {
        return of(stack.projectName(), stack.stackName(), stack);
    }

    public static synchronized DependencyGraph of(String project, String stack, StackConfig config) {
        List<Node> registered = Collections.synchronizedList(new ArrayList<>());
        Mocks mocks = new PlanMocks();
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(project).stackName(stack).preview(false).build())
                    .mocks(mocks)
                    .monitorDecorator(original -> new RecordingMonitor(mocks, registered))
                    .build()
                    .runTest(ctx -> App.stack(ctx, config));
            if (!result.exceptions().isEmpty()) {
                throw new IllegalStateException("the " + stack + " stack failed", result.exceptions().get(0));
            }
        } finally {
            PulumiTestInternal.cleanup();
        }
        Map<String, Node> byUrn = new LinkedHashMap<>();
        registered.forEach(n -> byUrn.put(n.urn(), n));
        return new DependencyGraph(byUrn);
    }

    public Map<String, Node> nodes() {
        return nodes;
    }

    /** The resources this one waits for, by {@code type::name}. */
    public List<String> waitsFor(String type, String name) {
        Node node = nodes.values().stream().filter(n -> n.type().equals(type) && n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type + "::" + name));
        return node.waitsFor().stream().map(nodes::get).map(n -> n.type() + "::" + n.name()).toList();
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
        List<Node> known = memo.get(node.urn());
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
        memo.put(node.urn(), List.copyOf(chain));
        return memo.get(node.urn());
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
                path = of(StackFile.load(projectDir, stack)).criticalPath();
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

    private static final class RecordingMonitor extends MockMonitor {

        private final List<Node> registered;

        RecordingMonitor(Mocks mocks, List<Node> registered) {
            super(mocks, Log.ignore());
            this.registered = registered;
        }

        @Override
        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                                 RegisterResourceRequest request) {
            return super.registerResourceAsync(resource, request).thenApply(response -> {
                List<String> waitsFor = new ArrayList<>(request.getDependenciesList());
                if (!request.getParent().isEmpty()) {
                    // a child is created after its parent; for a component that adds nothing to the chain
                    waitsFor.add(request.getParent());
                }
                registered.add(new Node(response.getUrn(), request.getType(), request.getName(), waitsFor,
                        request.getCustom()));
                return response;
            });
        }
    }
}
