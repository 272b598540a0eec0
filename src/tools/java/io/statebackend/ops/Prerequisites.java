package io.statebackend.ops;

import io.statebackend.process.Command;
import io.statebackend.process.ProcessRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks what a run needs before its first step and names precisely what is missing. Shared by both commands.
 *
 * <p>Checks that only look ({@code PATH}, environment variables, files) always run. Checks that must start a
 * program ({@code az account show}, {@code aws sts get-caller-identity}) are only printed in a dry run.
 */
public final class Prerequisites {

    private final Ops ops;
    private final ProcessRunner runner;
    private final boolean dryRun;
    private final List<String> missing = new ArrayList<>();
    private final List<String> found = new ArrayList<>();
    private final Set<String> checkedClouds = new HashSet<>();

    public Prerequisites(Ops ops, boolean dryRun) {
        this.ops = ops;
        this.runner = ops.runner();
        this.dryRun = dryRun;
    }

    private String env(String name) {
        String v = ops.env().get(name);
        return v == null || v.isBlank() ? null : v;
    }

    private boolean hasAll(String... names) {
        return Arrays.stream(names).allMatch(n -> env(n) != null);
    }

    private List<String> absent(String... names) {
        return Arrays.stream(names).filter(n -> env(n) == null).toList();
    }

    /** A program that must be on PATH. */
    public Prerequisites tool(String program, String neededFor) {
        if (runner.find(program).isPresent()) {
            found.add(program + " on PATH");
        } else {
            missing.add("`" + program + "` is not on PATH (needed " + neededFor + ")");
        }
        return this;
    }

    /** A file or directory that must exist. */
    public Prerequisites path(Path path, String whatToDo) {
        if (Files.exists(path)) {
            found.add(ops.show(path) + " exists");
        } else {
            missing.add(ops.show(path) + " does not exist: " + whatToDo);
        }
        return this;
    }

    /** The passphrase for stacks that use the passphrase secrets provider (the local backend's default). */
    public Prerequisites passphrase(String why) {
        String file = env("PULUMI_CONFIG_PASSPHRASE_FILE");
        if (ops.env().containsKey("PULUMI_CONFIG_PASSPHRASE")) {
            found.add("PULUMI_CONFIG_PASSPHRASE is set");
        } else if (file != null) {
            if (Files.isReadable(Path.of(file))) {
                found.add("PULUMI_CONFIG_PASSPHRASE_FILE is set");
            } else {
                missing.add("PULUMI_CONFIG_PASSPHRASE_FILE points to " + file + ", which is not a readable file");
            }
        } else {
            missing.add("neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set (" + why + ")");
        }
        return this;
    }

    /** Azure credentials usable by the storage backend, Key Vault and the azure-native provider. */
    private Prerequisites azureCredentials(String neededFor) {
        boolean hasSecretOrToken = env("AZURE_CLIENT_SECRET") != null || env("AZURE_FEDERATED_TOKEN_FILE") != null
                || env("AZURE_CLIENT_CERTIFICATE_PATH") != null;
        if (hasAll("AZURE_CLIENT_ID", "AZURE_TENANT_ID") && hasSecretOrToken) {
            found.add("Azure credentials from AZURE_CLIENT_ID/AZURE_TENANT_ID");
            return this;
        }
        String az = cliFailure(Command.of("az", "account", "show").capture().build());
        if (az == null) {
            found.add("Azure credentials from `az account show`");
            return this;
        }
        List<String> envGaps = new ArrayList<>(absent("AZURE_CLIENT_ID", "AZURE_TENANT_ID"));
        if (!hasSecretOrToken) {
            envGaps.add("AZURE_CLIENT_SECRET or AZURE_FEDERATED_TOKEN_FILE");
        }
        missing.add("Azure credentials (needed " + neededFor + "): " + az
                + ", and the environment lacks " + String.join(", ", envGaps)
                + ". Run `az login`, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET"
                + " (or AZURE_FEDERATED_TOKEN_FILE)");
        return this;
    }

    /** AWS credentials from the standard chain. */
    private Prerequisites awsCredentials(String neededFor) {
        if (env("AWS_PROFILE") != null) {
            found.add("AWS credentials from AWS_PROFILE");
            return this;
        }
        if (hasAll("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
            found.add("AWS credentials from AWS_ACCESS_KEY_ID");
            return this;
        }
        if (hasAll("AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN")) {
            found.add("AWS credentials from AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN");
            return this;
        }
        String aws = cliFailure(Command.of("aws", "sts", "get-caller-identity").capture().build());
        if (aws == null) {
            found.add("AWS credentials from `aws sts get-caller-identity`");
            return this;
        }
        missing.add("AWS credentials (needed " + neededFor + "): none of AWS_PROFILE, AWS_ACCESS_KEY_ID with"
                + " AWS_SECRET_ACCESS_KEY, or AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN is set, and "
                + aws
                + ". Run `aws sso login --profile <p>` and set AWS_PROFILE, or export keys / a web identity");
        return this;
    }

    /** The credentials for whatever a backend or secrets-provider URL talks to; nothing for file:// or the Cloud. */
    public Prerequisites credentialsFor(String url, String neededFor) {
        return cloudCredentials(Urls.cloudOf(url), neededFor);
    }

    /** Credentials for "azure" or "aws", checked once per run whatever the number of URLs that need them. */
    public Prerequisites cloudCredentials(String cloud, String neededFor) {
        if (!checkedClouds.add(cloud)) {
            return this;
        }
        switch (cloud) {
            case "azure" -> azureCredentials(neededFor);
            case "aws" -> awsCredentials(neededFor);
            default -> { }
        }
        return this;
    }

    /** Runs a credentials probe; null when it succeeded, else why not. In a dry run it is printed, not run. */
    private String cliFailure(Command probe) {
        if (runner.find(probe.program()).isEmpty()) {
            return "`" + probe.program() + "` is not on PATH";
        }
        if (dryRun) {
            ops.out().println("  $ " + probe.display() + "    (dry run: not checked)");
            return null;
        }
        ProcessRunner.Result r = runner.run(probe);
        return r.ok() ? null : "`" + probe.display() + "` " + StepContext.describeExit(r.exitCode());
    }

    /** Prints the outcome. Returns true when nothing is missing. */
    public boolean report() {
        ops.out().println("Prerequisites:");
        found.forEach(f -> ops.out().println("  ok       " + f));
        missing.forEach(m -> ops.out().println("  MISSING  " + m));
        return missing.isEmpty();
    }
}
