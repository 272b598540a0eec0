package io.statebackend.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Azure Resource Manager id, parsed far enough to check what kind of resource it names and to derive its parent
 * (a subnet's virtual network). Its fixed words match in any letter case, as Azure matches them (Azure itself returns
 * {@code resourcegroups} for some resources); names hold no whitespace and are never {@code .} or {@code ..}.
 */
public record AzureResourceId(String value, String subscriptionId, String resourceGroup, String resourceType) {

    /** A resource group's name as Azure allows it ({@link AzureSettings.Names#EXISTING_RESOURCE_GROUP} spells it out). */
    static final String RESOURCE_GROUP_NAME = "[-\\w.()]{0,89}[-\\w()]";
    private static final Pattern ID = Pattern.compile(
            "^/(?i:subscriptions)/([0-9a-fA-F-]{36})/(?i:resourceGroups)/(" + RESOURCE_GROUP_NAME + ")/(?i:providers)/"
                    + "([A-Za-z]+\\.[A-Za-z.]+)/([^/\\s]+)/([^/\\s]+)((?:/[^/\\s]+/[^/\\s]+)*)$");

    private static final List<String> DOTS = List.of(".", "..");

    /** Parses {@code value} and requires it to name a resource of {@code expectedType} (e.g. Microsoft.Network/virtualNetworks/subnets). */
    static AzureResourceId parse(String key, String value, String expectedType) {
        Matcher m = ID.matcher(value);
        if (!m.matches() || !Rules.isGuid(m.group(1)) || Arrays.stream(value.split("/")).anyMatch(DOTS::contains)) {
            throw new SettingsException(key, value, "an Azure resource id of type " + expectedType
                    + " (/subscriptions/<guid>/resourceGroups/<group>/providers/" + expectedType + "/...)");
        }
        StringBuilder type = new StringBuilder(m.group(3)).append('/').append(m.group(4));
        String[] nested = m.group(6).isEmpty() ? new String[0] : m.group(6).substring(1).split("/");
        for (int i = 0; i < nested.length; i += 2) {
            type.append('/').append(nested[i]);
        }
        if (!type.toString().toLowerCase(Locale.ROOT).equals(expectedType.toLowerCase(Locale.ROOT))) {
            throw new SettingsException(key, value, "an Azure resource id of type " + expectedType
                    + ", not " + type);
        }
        return new AzureResourceId(value, m.group(1), m.group(2), expectedType);
    }

    /** The id of the resource that contains this one: for a subnet, its virtual network. */
    public Optional<String> parentId() {
        int slashes = value.split("/").length - 1;
        if (slashes <= 8) {
            return Optional.empty();
        }
        String withoutName = value.substring(0, value.lastIndexOf('/'));
        return Optional.of(withoutName.substring(0, withoutName.lastIndexOf('/')));
    }

    /** The last segment: the resource's own name. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }
}
