package io.statebackend.mockrun;

import com.pulumi.Context;
import com.pulumi.Log;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import io.statebackend.App;
import io.statebackend.settings.StackConfig;
import io.statebackend.settings.StackFile;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Runs the real program for a stack under Pulumi's mock engine, with {@link PlanMocks} in place of the clouds, and
 * collects what it declares and exports. No credentials, no CLI, nothing created.
 *
 * <p>What each resource waits for comes from the registration requests, read through the mock engine's monitor: an
 * internal API of the Pulumi Java SDK (the public test API does not expose dependencies), used for analysis only.
 */
public final class ProgramRun {

    /**
     * The mock engine logs every program failure as a stack trace; a run returns its failure in
     * {@link PlanResult#error()} instead, so callers decide how to show it (the offline plan prints one line).
     */
    private static final Logger ENGINE_LOG = Logger.getLogger("com.pulumi.test.internal.PulumiTestInternal");

    static {
        ENGINE_LOG.setUseParentHandlers(false);
    }

    private ProgramRun() {
    }

    public static PlanResult run(StackFile stack) {
        return run(stack.projectName(), stack.stackName(), stack);
    }

    public static PlanResult run(String project, String stack, StackConfig config) {
        return run(project, stack, config, LocalDate.now(ZoneOffset.UTC));
    }

    /** As if run on {@code today}: the day keys created now count their expiry from. */
    public static PlanResult run(String project, String stack, StackConfig config, LocalDate today) {
        return run(project, stack, ctx -> App.stack(ctx, config, today));
    }

    /** Any {@code program} in the program's place, to declare a store the way another program would. */
    public static synchronized PlanResult run(String project, String stack, Consumer<Context> program) {
        var mocks = new PlanMocks();
        var declared = Collections.synchronizedList(new ArrayList<Declared>());
        var registered = new ConcurrentHashMap<String, Registration>();
        ResourceTransformation recorder = args -> {
            declared.add(new Declared(args.resource(), args.options().getParent(), args.options().isProtect(),
                    args.options().getDependsOn(), args.options().getProvider(), args.options().getIgnoreChanges()));
            return Optional.empty();
        };
        try {
            TestResult result = PulumiTestInternal.builder()
                    .options(TestOptions.builder()
                            .projectName(project)
                            .stackName(stack)
                            .preview(false)
                            .resourceTransformations(List.of(recorder))
                            .build())
                    .mocks(mocks)
                    .monitorDecorator(original -> new RegistrationMonitor(mocks, registered))
                    .build()
                    .runTest(program);
            Optional<Throwable> error = result.exceptions().stream().<Throwable>map(e -> rootCause(e)).findFirst();
            Map<String, Object> outputs = new LinkedHashMap<>();
            if (error.isEmpty()) {
                result.outputs().forEach((name, output) -> outputs.put(name, PulumiTest.extractValue(output)));
            }
            Map<String, String> keyByUrn = new LinkedHashMap<>();
            registered.forEach((key, registration) -> keyByUrn.put(registration.urn(), key));
            List<Declared> declaredSoFar;
            // A program that failed on an output may still be declaring resources on the SDK's threads.
            synchronized (declared) {
                declaredSoFar = List.copyOf(declared);
            }
            List<ResourceRecord> records = declaredSoFar.stream().map(d -> d.record(mocks, registered, keyByUrn)).toList();
            return new PlanResult(project, stack, records, outputs, error);
        } finally {
            PulumiTestInternal.cleanup();
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private record Declared(Resource resource, Optional<Resource> parent, boolean protect,
                            Output<List<Resource>> dependsOn, Optional<? extends Resource> provider,
                            List<String> ignoreChanges) {

        ResourceRecord record(PlanMocks mocks, Map<String, Registration> registered, Map<String, String> keyByUrn) {
            String key = resource.pulumiResourceType() + "::" + resource.pulumiResourceName();
            List<Resource> waitsFor = dependsOn == null ? List.of() : PulumiTest.extractValue(dependsOn);
            Registration registration = registered.get(key);
            return new ResourceRecord(
                    resource.pulumiResourceType(),
                    resource.pulumiResourceName(),
                    mocks.inputsByKey().getOrDefault(key, Map.of()),
                    mocks.outputsByKey().getOrDefault(key, Map.of()),
                    parent.map(p -> p.pulumiResourceType() + "::" + p.pulumiResourceName()).orElse(null),
                    protect,
                    waitsFor == null ? List.of()
                            : waitsFor.stream().map(r -> r.pulumiResourceType() + "::" + r.pulumiResourceName()).toList(),
                    provider.map(p -> p.pulumiResourceType() + "::" + p.pulumiResourceName()).orElse(null),
                    ignoreChanges == null ? List.of() : List.copyOf(ignoreChanges),
                    registration != null && registration.custom(),
                    registration == null ? List.of() : keys(registration.dependencies(), keyByUrn),
                    registration == null ? Map.of() : propertyKeys(registration.propertyDependencies(), keyByUrn));
        }

        private static List<String> keys(List<String> urns, Map<String, String> keyByUrn) {
            return urns.stream().map(keyByUrn::get).filter(Objects::nonNull).sorted().toList();
        }

        private static Map<String, List<String>> propertyKeys(Map<String, List<String>> urnsByProperty,
                                                              Map<String, String> keyByUrn) {
            Map<String, List<String>> keysByProperty = new TreeMap<>();
            urnsByProperty.forEach((property, urns) -> keysByProperty.put(property, keys(urns, keyByUrn)));
            return keysByProperty;
        }
    }

    /**
     * What the engine received when a resource was registered: its URN, its kind, the URNs it waits for, and for each
     * input the URNs of the resources whose outputs it uses.
     */
    private record Registration(String urn, boolean custom, List<String> dependencies,
                                Map<String, List<String>> propertyDependencies) {
    }

    private static final class RegistrationMonitor extends MockMonitor {

        private final Map<String, Registration> registered;

        RegistrationMonitor(Mocks mocks, Map<String, Registration> registered) {
            super(mocks, Log.ignore());
            this.registered = registered;
        }

        @Override
        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                                 RegisterResourceRequest request) {
            return super.registerResourceAsync(resource, request).thenApply(response -> {
                Map<String, List<String>> propertyDependencies = new LinkedHashMap<>();
                request.getPropertyDependenciesMap().forEach((property, urns) ->
                        propertyDependencies.put(property, List.copyOf(urns.getUrnsList())));
                registered.put(request.getType() + "::" + request.getName(), new Registration(response.getUrn(),
                        request.getCustom(), List.copyOf(request.getDependenciesList()), propertyDependencies));
                return response;
            });
        }
    }
}
