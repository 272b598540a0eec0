package io.statebackend.e2e.programs;

import com.pulumi.Pulumi;
import com.pulumi.azurenative.keyvault.Key;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.resources.StackOptions;
import io.statebackend.App;
import io.statebackend.settings.EngineConfig;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * TEST PROGRAM: the real program as it would run tomorrow, so every Key Vault key computes another expiry date. With
 * {@value #WITHOUT_IGNORE_CHANGES} set, the keys also lose their {@code ignoreChanges}, as a careless refactor would.
 */
public final class KeysOnALaterDay {

    public static final String WITHOUT_IGNORE_CHANGES = "STATE_BACKEND_TEST_KEYS_WITHOUT_IGNORE_CHANGES";

    private KeysOnALaterDay() {
    }

    public static void main(String[] args) {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        ResourceTransformation dropIgnoreChanges = a -> a.resource() instanceof Key
                ? Optional.of(new ResourceTransformation.Result(a.args(), CustomResourceOptions.builder()
                        .parent(a.options().getParent().orElse(null))
                        .protect(a.options().isProtect())
                        .build()))
                : Optional.empty();
        var options = StackOptions.builder();
        if (System.getenv(WITHOUT_IGNORE_CHANGES) != null) {
            options.resourceTransformations(dropIgnoreChanges);
        }
        Pulumi.withOptions(options.build()).run(ctx -> App.stack(ctx, EngineConfig.of(ctx), tomorrow));
    }
}
