package io.statebackend.e2e.standin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.statebackend.mockrun.PlanMocks;
import pulumirpc.Plugin.PluginInfo;
import pulumirpc.Provider.CheckRequest;
import pulumirpc.Provider.CheckResponse;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.ConfigureResponse;
import pulumirpc.Provider.CreateRequest;
import pulumirpc.Provider.CreateResponse;
import pulumirpc.Provider.DeleteRequest;
import pulumirpc.Provider.DiffRequest;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.InvokeRequest;
import pulumirpc.Provider.InvokeResponse;
import pulumirpc.Provider.ReadRequest;
import pulumirpc.Provider.ReadResponse;
import pulumirpc.Provider.UpdateRequest;
import pulumirpc.Provider.UpdateResponse;
import pulumirpc.ResourceProviderGrpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * TEST DOUBLE: stands in for the {@code aws} and {@code azure-native} provider plugins at the gRPC boundary, so that
 * the real Pulumi CLI can run the program on a machine without those plugins or a cloud. The engine loads it from
 * the plugin cache under the real plugin's name and version and speaks the provider protocol to it; it answers
 * with the inputs plus the computed outputs the real providers return (ids, ARNs, endpoints, principal ids), taken
 * from {@link PlanMocks} so the mock engine and this agree on every shape. Nothing it returns exists anywhere.
 *
 * <p>Told by {@value #FAIL_ENV}{@code =<resource name>}, it refuses to create or update that resource (not to preview
 * it), as a cloud API would, so a test can make an update fail part-way.
 *
 * <p>{@link StandInHost} serves one instance per plugin process the engine starts.
 */
public final class StandInProvider extends ResourceProviderGrpc.ResourceProviderImplBase {

    public static final String FAIL_ENV = "STATE_BACKEND_STANDIN_FAIL";
    /** How the provider protocol spells a value not known until the resource exists. */
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final String pkg;
    private final String version;
    private final String failing;
    private volatile String awsRegion = "";

    StandInProvider(String pkg, String version, String failing) {
        this.pkg = pkg;
        this.version = version;
        this.failing = failing;
    }

    @Override
    public void getPluginInfo(Empty request, StreamObserver<PluginInfo> out) {
        answer(out, () -> PluginInfo.newBuilder().setVersion(version).build());
    }

    @Override
    public void checkConfig(CheckRequest request, StreamObserver<CheckResponse> out) {
        answer(out, () -> CheckResponse.newBuilder().setInputs(request.getNews()).build());
    }

    @Override
    public void diffConfig(DiffRequest request, StreamObserver<DiffResponse> out) {
        answer(out, () -> diff(toMap(request.getOldInputs()), toMap(request.getNews())));
    }

    @Override
    public void configure(ConfigureRequest request, StreamObserver<ConfigureResponse> out) {
        answer(out, () -> {
            Object region = toMap(request.getArgs()).get("region");
            awsRegion = region == null ? request.getVariablesOrDefault("aws:config:region", "") : region.toString();
            return ConfigureResponse.newBuilder().setAcceptSecrets(false).setSupportsPreview(true).build();
        });
    }

    @Override
    public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> out) {
        answer(out, () -> InvokeResponse.newBuilder()
                .setReturn(toStruct(PlanMocks.invoke(request.getTok(), toMap(request.getArgs()), awsRegion))).build());
    }

    @Override
    public void check(CheckRequest request, StreamObserver<CheckResponse> out) {
        answer(out, () -> CheckResponse.newBuilder().setInputs(request.getNews()).build());
    }

    @Override
    public void diff(DiffRequest request, StreamObserver<DiffResponse> out) {
        answer(out, () -> diff(request.hasOldInputs() ? toMap(request.getOldInputs()) : toMap(request.getOlds()),
                toMap(request.getNews())));
    }

    @Override
    public void create(CreateRequest request, StreamObserver<CreateResponse> out) {
        answer(out, () -> {
            String name = request.getPreview() ? nameOf(request.getUrn()) : refuseIfTold(request.getUrn());
            Map<String, Object> inputs = toMap(request.getProperties());
            String type = typeOf(request.getUrn());
            PlanMocks.Created created = PlanMocks.create(type, name, inputs, awsRegion);
            // A preview knows the outputs named like an input and nothing else: azure-native's Create with preview set
            // maps the inputs onto the response's properties and marks the rest computed, so the resource's name,
            // which it takes from a path parameter (accountName), stays unknown unless that parameter is called name.
            return request.getPreview()
                    ? CreateResponse.newBuilder().setProperties(toStruct(unknownWhereComputed(
                            PlanMocks.outputsShaped(type, inputs), created.state()))).build()
                    : CreateResponse.newBuilder().setId(created.id()).setProperties(toStruct(created.state())).build();
        });
    }

    @Override
    public void read(ReadRequest request, StreamObserver<ReadResponse> out) {
        answer(out, () -> ReadResponse.newBuilder()
                .setId(request.getId())
                .setProperties(request.getProperties())
                .setInputs(request.getInputs())
                .build());
    }

    @Override
    public void update(UpdateRequest request, StreamObserver<UpdateResponse> out) {
        answer(out, () -> {
            String name = request.getPreview() ? nameOf(request.getUrn()) : refuseIfTold(request.getUrn());
            PlanMocks.Created updated = PlanMocks.create(typeOf(request.getUrn()), name, toMap(request.getNews()),
                    awsRegion);
            return UpdateResponse.newBuilder().setProperties(toStruct(updated.state())).build();
        });
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<Empty> out) {
        answer(out, Empty::getDefaultInstance);
    }

    @Override
    public void cancel(Empty request, StreamObserver<Empty> out) {
        answer(out, Empty::getDefaultInstance);
    }

    /** The resource's name, unless it is the one this stand-in was told to refuse. */
    private String refuseIfTold(String urn) {
        String name = nameOf(urn);
        if (name.equals(failing)) {
            throw new IllegalStateException("refusing " + name + " as " + FAIL_ENV + " asks");
        }
        return name;
    }

    /** Replies with what {@code reply} makes, or with its failure as the engine shows it, naming this stand-in. */
    private <T> void answer(StreamObserver<T> out, Supplier<T> reply) {
        T value;
        try {
            value = reply.get();
        } catch (RuntimeException | LinkageError e) {
            out.onError(Status.INTERNAL.withDescription(pkg + " stand-in: " + e.getMessage()).asException());
            return;
        }
        out.onNext(value);
        out.onCompleted();
    }

    /**
     * What a real provider previews for a resource it has yet to create: the inputs as given (in its outputs' shape),
     * and every value it computes (ids, endpoints, principal ids) unknown, however deep it sits.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> unknownWhereComputed(Map<String, Object> inputs, Map<String, Object> state) {
        Map<String, Object> preview = new LinkedHashMap<>();
        state.forEach((key, value) -> {
            Object input = inputs.get(key);
            if (Objects.equals(input, value)) {
                preview.put(key, value);
            } else if (input instanceof Map<?, ?> in && value instanceof Map<?, ?> out) {
                preview.put(key, unknownWhereComputed((Map<String, Object>) in, (Map<String, Object>) out));
            } else {
                preview.put(key, UNKNOWN);
            }
        });
        return preview;
    }

    /** Top-level inputs that changed, were added or were removed; no stand-in property forces a replacement. */
    static DiffResponse diff(Map<String, Object> olds, Map<String, Object> news) {
        TreeSet<String> keys = new TreeSet<>(olds.keySet());
        keys.addAll(news.keySet());
        List<String> changed = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(olds.get(key), news.get(key))) {
                changed.add(key);
            }
        }
        return DiffResponse.newBuilder()
                .setChanges(changed.isEmpty() ? DiffResponse.DiffChanges.DIFF_NONE : DiffResponse.DiffChanges.DIFF_SOME)
                .addAllDiffs(changed)
                .build();
    }

    /** The resource's name: the last segment of {@code urn:pulumi:<stack>::<project>::<type path>::<name>}. */
    public static String nameOf(String urn) {
        return urn.substring(urn.lastIndexOf("::") + 2);
    }

    /** The resource's own type: the last {@code $}-separated part of the URN's type path. */
    static String typeOf(String urn) {
        String[] parts = urn.split("::");
        String typePath = parts[parts.length - 2];
        return typePath.substring(typePath.lastIndexOf('$') + 1);
    }

    private static Map<String, Object> toMap(Struct struct) {
        try {
            return JSON.readValue(JsonFormat.printer().print(struct), MAP);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable properties: " + e.getMessage(), e);
        }
    }

    private static Struct toStruct(Map<String, Object> map) {
        Struct.Builder builder = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(JSON.writeValueAsString(new LinkedHashMap<>(map)), builder);
        } catch (IOException e) {
            throw new IllegalStateException("unwritable properties: " + e.getMessage(), e);
        }
        return builder.build();
    }
}
