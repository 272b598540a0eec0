package io.statebackend.e2e;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Azurite's blob service on loopback, serving one storage account under the name the tests give the state account
 * ({@code azureStorageAccountName}). Backends log in with its shared key: the emulator's way in, where the real
 * account allows only Entra ID.
 */
final class Azurite implements AutoCloseable {

    static final String ACCOUNT = "stpulumie2e";

    private final Emulator server;
    private final String key;

    private Azurite(Emulator server, String key) {
        this.server = server;
        this.key = key;
    }

    static Azurite start(Path dir) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String key = Base64.getEncoder().encodeToString(secret);
        return new Azurite(Emulator.start("azurite", dir, List.of("azurite-blob", "--blobHost", "127.0.0.1",
                        "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck"),
                port -> List.of("--blobPort", String.valueOf(port)),
                Map.of("AZURITE_ACCOUNTS", ACCOUNT + ":" + key)), key);
    }

    /** What go-cloud's azblob driver needs beyond an exported {@code azblob://} URL to reach the emulator. */
    String backendQuery() {
        return "localemu=true&domain=127.0.0.1:" + server.port + "&protocol=http";
    }

    /** The shared-key credentials go-cloud reads from the environment. */
    Map<String, String> env() {
        return Map.of("AZURE_STORAGE_ACCOUNT", ACCOUNT, "AZURE_STORAGE_KEY", key);
    }

    BlobContainerClient container(String name) {
        return new BlobServiceClientBuilder()
                .endpoint(server.endpoint() + "/" + ACCOUNT)
                .credential(new StorageSharedKeyCredential(ACCOUNT, key))
                .buildClient()
                .getBlobContainerClient(name);
    }

    /** The state container, as the program declares it. */
    void createContainer(String name) {
        container(name).createIfNotExists();
    }

    @Override
    public void close() {
        server.close();
    }
}
