package io.statebackend.e2e.standin;

import com.google.protobuf.Empty;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pulumirpc.Provider.CreateRequest;
import pulumirpc.ResourceProviderGrpc;
import pulumirpc.ResourceProviderGrpc.ResourceProviderBlockingStub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin script as the engine runs it: it prints the port of a provider instance of its own, which answers as the
 * package and version it stands in for, refuses what its environment tells it to, and ends with the plugin process.
 */
class StandInHostTest {

    @TempDir
    Path tmp;

    private final StandInHost host = StandInHost.start();
    private final List<Process> plugins = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        plugins.forEach(Process::destroyForcibly);
        host.close();
    }

    @Test
    void eachPluginProcessGetsAnInstanceThatAnswersAsThePackageAndVersionItStandsFor() throws Exception {
        int aws = startPlugin("aws", "6.83.0", "");
        int azure = startPlugin("azure-native", "2.10.0", "");
        assertTrue(aws != azure, "one instance per plugin process");
        assertEquals("6.83.0", stub(aws).getPluginInfo(Empty.getDefaultInstance()).getVersion());
        assertEquals("2.10.0", stub(azure).getPluginInfo(Empty.getDefaultInstance()).getVersion());
    }

    @Test
    void theInstanceRefusesOnlyTheResourceItsPluginsEnvironmentNames() throws Exception {
        String urn = "urn:pulumi:dev::state-backend::aws:s3/bucketV2:BucketV2::";
        int told = startPlugin("aws", "6.83.0", "state-bucket");
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> stub(told)
                .create(CreateRequest.newBuilder().setUrn(urn + "state-bucket").build()));
        assertTrue(refused.getMessage().contains("refusing state-bucket"), refused.getMessage());
        assertDoesNotThrow(() -> stub(told).create(CreateRequest.newBuilder().setUrn(urn + "log-bucket").build()));

        int untold = startPlugin("aws", "6.83.0", "");
        assertDoesNotThrow(() -> stub(untold).create(CreateRequest.newBuilder().setUrn(urn + "state-bucket").build()));
    }

    @Test
    void theInstanceEndsWithItsPluginProcess() throws Exception {
        int port = startPlugin("aws", "6.83.0", "");
        stub(port).getPluginInfo(Empty.getDefaultInstance());
        plugins.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean ended = false;
        while (!ended && System.nanoTime() < deadline) {
            try {
                stub(port).getPluginInfo(Empty.getDefaultInstance());
                Thread.sleep(100);
            } catch (StatusRuntimeException e) {
                ended = true;
            }
        }
        assertTrue(ended, "the instance still answers after its plugin process was killed");
    }

    @Test
    void withoutAHostThePluginFailsSayingWhere() throws Exception {
        Path script = script("aws", "6.83.0");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().remove(StandInHost.ADDRESS_ENV);
        Process plugin = builder.start();
        String output = new String(plugin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(plugin.waitFor(10, TimeUnit.SECONDS));
        assertTrue(plugin.exitValue() != 0, output);
        assertTrue(output.contains("the stand-in providers serve only inside the end-to-end tests"), output);
    }

    /** Starts the plugin script as the engine would, and returns the port it prints. */
    private int startPlugin(String pkg, String version, String refused) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", script(pkg, version).toString());
        builder.environment().put(StandInHost.ADDRESS_ENV, String.valueOf(host.port()));
        builder.environment().put(StandInProvider.FAIL_ENV, refused);
        Process plugin = builder.start();
        plugins.add(plugin);
        String port = new BufferedReader(new InputStreamReader(plugin.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        return Integer.parseInt(port);
    }

    private Path script(String pkg, String version) throws IOException {
        return Files.writeString(Files.createTempFile(tmp, "pulumi-resource-" + pkg, ""),
                StandInHost.pluginScript(pkg, version));
    }

    private ResourceProviderBlockingStub stub(int port) {
        ManagedChannel channel = Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create())
                .build();
        channels.add(channel);
        return ResourceProviderGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
