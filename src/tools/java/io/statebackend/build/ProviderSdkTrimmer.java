package io.statebackend.build;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes the program's copies of the provider SDKs (aws, azure-native) into {@code target/lib}, each with only the
 * SDK modules the program reaches.
 *
 * <p>Why: before every program run, Pulumi's Java language host runs the SDK's package scan
 * ({@code com.pulumi.bootstrap.internal.Main packages}), a loop over every entry of the jar's class path. The two SDKs
 * hold 86,000 of its 100,000 entries; the program uses about 7,000 of them.
 *
 * <p>A module is a package directly below an SDK's root package, with its subpackages
 * ({@code com.pulumi.azurenative.storage}, {@code com.pulumi.aws.s3}). Kept: every entry outside the modules (the root
 * package's classes, {@code plugin.json} and {@code version.txt}, which the scan and the SDK read, {@code META-INF}),
 * and every module the program's classes refer to, then those the kept classes refer to in turn, until none is new
 * ({@code jdeps}). Modules are kept whole, so the classes the Java SDK reaches by reflection (output types, enums,
 * builders) stay with the classes that name them.
 *
 * <p>Usage: {@code ProviderSdkTrimmer <program classes> <output directory> <sdk jar>...}; each trimmed jar keeps its
 * source's file name, the name the program jar's manifest lists.
 */
public final class ProviderSdkTrimmer {

    private static final Pattern MODULE_ENTRY = Pattern.compile("(com/pulumi/[^/]+/[^/]+)/.*");
    private static final Pattern PACKAGE_DEPENDENCY = Pattern.compile("^\\s*\\S+\\s+->\\s+(\\S+)\\s", Pattern.MULTILINE);

    private ProviderSdkTrimmer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: ProviderSdkTrimmer <program classes> <output directory> <sdk jar>...");
        }
        Path classes = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<Path> sdks = List.of(args).subList(2, args.length).stream().map(Path::of).toList();
        Set<String> modules = trim(classes, out, sdks);
        System.out.println("provider SDKs: kept " + modules.size() + " modules in " + out + ": "
                + modules.stream().map(module -> module.replace('/', '.')).collect(Collectors.joining(" ")));
    }

    /** Writes the trimmed jars; returns the modules kept, as entry paths ({@code com/pulumi/aws/s3}). */
    static Set<String> trim(Path classes, Path out, List<Path> sdks) throws IOException {
        Files.createDirectories(out);
        List<Path> trimmed = sdks.stream().map(sdk -> out.resolve(sdk.getFileName())).toList();
        Set<String> available = new TreeSet<>();
        sdks.forEach(sdk -> available.addAll(modulesIn(sdk)));
        Set<String> modules = modulesReferenced(List.of(classes), available);
        do {
            for (int i = 0; i < sdks.size(); i++) {
                copyKept(sdks.get(i), trimmed.get(i), modules);
            }
        } while (modules.addAll(modulesReferenced(trimmed, available)));
        return modules;
    }

    /** The module an entry belongs to; none for an entry outside every module, which is always kept. */
    static Optional<String> moduleOf(String entryName) {
        Matcher module = MODULE_ENTRY.matcher(entryName);
        return module.matches() ? Optional.of(module.group(1)) : Optional.empty();
    }

    private static boolean kept(String entryName, Set<String> modules) {
        return moduleOf(entryName).map(modules::contains).orElse(true);
    }

    /** The module of each package {@code jdeps} output names, for the packages below com.pulumi. */
    private static Set<String> modulesNamed(String jdepsOutput) {
        Set<String> modules = new TreeSet<>();
        Matcher dependency = PACKAGE_DEPENDENCY.matcher(jdepsOutput);
        while (dependency.find()) {
            moduleOf(dependency.group(1).replace('.', '/') + "/").ifPresent(modules::add);
        }
        return modules;
    }

    private static Set<String> modulesReferenced(Collection<Path> targets, Set<String> available) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps is missing: a JDK, not a JRE, builds the program"));
        List<String> args = new ArrayList<>(List.of("--multi-release", "17", "-verbose:package"));
        targets.forEach(target -> args.add(target.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("jdeps " + String.join(" ", args) + " failed (" + status + "): " + err);
        }
        Set<String> modules = modulesNamed(out.toString());
        modules.retainAll(available);
        return modules;
    }

    private static Set<String> modulesIn(Path sdk) {
        try (ZipFile jar = new ZipFile(sdk.toFile())) {
            return jar.stream().map(entry -> moduleOf(entry.getName())).flatMap(Optional::stream)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + sdk, e);
        }
    }

    private static void copyKept(Path sdk, Path trimmed, Set<String> modules) {
        try (ZipFile in = new ZipFile(sdk.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(trimmed))) {
            for (ZipEntry entry : in.stream().filter(entry -> kept(entry.getName(), modules)).toList()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (var content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + trimmed + " from " + sdk, e);
        }
    }
}
