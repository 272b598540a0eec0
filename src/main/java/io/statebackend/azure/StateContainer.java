package io.statebackend.azure;

import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobContainerArgs;
import com.pulumi.azurenative.storage.enums.PublicAccess;

/** The container every stack's state lives in (under {@code .pulumi/}). */
final class StateContainer {

    final BlobContainer container;

    StateContainer(AzureScope scope, Account account) {
        this.container = new BlobContainer("state-container", BlobContainerArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .accountName(account.account.name())
                .containerName(scope.settings().storage().containerName())
                // CIS 9.3.8: no anonymous access to the container either.
                .publicAccess(PublicAccess.None)
                // No wait for the blob service settings: nobody writes state before this stack's update has finished.
                .build(), scope.stateful());
    }
}
