package io.statebackend.mockrun;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.statebackend.App;
import io.statebackend.settings.StackConfig;
import io.statebackend.settings.StackFile;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Runs the real program for a stack under Pulumi's mock engine, with {@link PlanMocks} in place of the clouds, and
 * collects what it declares and exports. No credentials, no CLI, nothing created.
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
    public static synchronized PlanResult run(String project, String stack, StackConfig config, LocalDate today) {
        var mocks = new PlanMocks();
        var declared = Collections.synchronizedList(new ArrayList<Declared>());
        ResourceTransformation recorder = args -> {
            declared.add(new Declared(args.resource(), args.options().getParent(), args.options().isProtect(),
                    args.options().getDependsOn(), args.options().getProvider(), args.options().getIgnoreChanges()));
            return Optional.empty();
        };
        try {
            TestResult result = PulumiTest.withMocks(mocks)
                    .withOptions(TestOptions.builder()
                            .projectName(project)
                            .stackName(stack)
                            .preview(false)
                            .resourceTransformations(List.of(recorder))
                            .build())
                    .runTest(ctx -> App.stack(ctx, config, today));
            Optional<Throwable> error = result.exceptions().stream().<Throwable>map(e -> rootCause(e)).findFirst();
            Map<String, Object> outputs = new LinkedHashMap<>();
            if (error.isEmpty()) {
                result.outputs().forEach((name, output) -> outputs.put(name, PulumiTest.extractValue(output)));
            }
            List<ResourceRecord> records = declared.stream().map(d -> d.record(mocks)).toList();
            return new PlanResult(project, stack, records, outputs, error);
        } finally {
            PulumiTest.cleanup();
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

        ResourceRecord record(PlanMocks mocks) {
            String key = resource.pulumiResourceType() + "::" + resource.pulumiResourceName();
            List<Resource> waitsFor = dependsOn == null ? List.of() : PulumiTest.extractValue(dependsOn);
            return new ResourceRecord(
                    resource.pulumiResourceType(),
                    resource.pulumiResourceName(),
                    mocks.inputsByKey().getOrDefault(key, Map.of()),
                    parent.map(p -> p.pulumiResourceType() + "::" + p.pulumiResourceName()).orElse(null),
                    protect,
                    waitsFor == null ? List.of()
                            : waitsFor.stream().map(r -> r.pulumiResourceType() + "::" + r.pulumiResourceName()).toList(),
                    provider.map(p -> p.pulumiResourceType() + "::" + p.pulumiResourceName()).orElse(null),
                    ignoreChanges == null ? List.of() : List.copyOf(ignoreChanges));
        }
    }
}
