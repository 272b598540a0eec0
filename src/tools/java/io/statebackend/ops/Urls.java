package io.statebackend.ops;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks and classifies backend and secrets-provider URLs before any command uses them. */
public final class Urls {

    public static final String PULUMI_CLOUD = "https://api.pulumi.com";

    private static final Set<String> BACKEND_SCHEMES = Set.of("file", "azblob", "s3", "gs", "https", "http");
    private static final Pattern QUERY = Pattern.compile("^[A-Za-z0-9_.-]+=[^&]*(&[A-Za-z0-9_.-]+=[^&]*)*$");
    private static final Set<String> SECRETS_SCHEMES = Set.of("azurekeyvault", "awskms", "gcpkms", "hashivault");

    private Urls() {
    }

    static String scheme(String url) {
        int i = url.indexOf("://");
        return i < 0 ? "" : url.substring(0, i).toLowerCase(Locale.ROOT);
    }

    /** "azure", "aws", "gcp", "local", "pulumi-cloud" or "other": whose credentials a URL needs. */
    public static String cloudOf(String url) {
        return switch (scheme(url)) {
            case "azblob", "azurekeyvault" -> "azure";
            case "s3", "awskms" -> "aws";
            case "gs", "gcpkms" -> "gcp";
            case "file" -> "local";
            case "https", "http" -> "pulumi-cloud";
            default -> "other";
        };
    }

    /** A backend URL as pulumi login takes it; "cloud" means Pulumi Cloud. */
    public static String backend(String raw, String flag) {
        if (raw.equals("cloud")) {
            return PULUMI_CLOUD;
        }
        String scheme = scheme(raw);
        if (scheme.equals("azurerm")) {
            throw new IllegalArgumentException(flag + " " + raw + ": the azurerm scheme is a Terraform convention, not a"
                    + " Pulumi backend; use azblob://<container>?storage_account=<account>");
        }
        if (!BACKEND_SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException(flag + " " + raw + ": not a Pulumi backend URL (expected cloud, "
                    + "file://, azblob://, s3://, gs:// or https://)");
        }
        return raw;
    }

    /** Query parameters to add to a backend URL: name=value pairs joined by '&', without the '?'. */
    public static String backendQuery(String raw, String flag) {
        if (!QUERY.matcher(raw).matches()) {
            throw new IllegalArgumentException(flag + " '" + raw + "' is not name=value pairs: it takes name=value"
                    + " pairs joined by '&', without '?'");
        }
        return raw;
    }

    /** A secrets provider for a stack on a self-managed backend: a key service, never the passphrase. */
    public static String secretsProvider(String raw, String flag) {
        if (!SECRETS_SCHEMES.contains(scheme(raw))) {
            throw new IllegalArgumentException(flag + " " + raw + ": expected a key-service URL such as "
                    + "azurekeyvault://<vault>.vault.azure.net/keys/<key> or awskms://alias/<alias>?region=<r>");
        }
        return raw;
    }
}
