package io.statebackend.ops;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches; anything else is a usage error. */
public final class CliArgs {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private CliArgs() {
    }

    /**
     * @param args      the command line
     * @param options   names that take a value
     * @param switches  names that take none
     */
    public static CliArgs parse(String[] args, List<String> options, List<String> switches) {
        CliArgs parsed = new CliArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            String inline = null;
            if (name != null && name.contains("=")) {
                inline = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            }
            if (name != null && switches.contains(name) && inline == null) {
                parsed.flags.add(name);
            } else if (name != null && options.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                    // An empty shell variable before another option would otherwise hand that option over as a value.
                    if (value.startsWith("--")) {
                        throw new IllegalArgumentException("--" + name + " needs a value, not the option '" + value
                                + "' (write --" + name + "=" + value + " if that is the value)");
                    }
                }
                String earlier = parsed.values.putIfAbsent(name, value);
                if (earlier != null) {
                    throw new IllegalArgumentException("--" + name + " is given twice ('" + earlier + "' and '" + value
                            + "'): give it once");
                }
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return parsed;
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public String get(String name) {
        return values.get(name);
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String require(String name, String meaning) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required (" + meaning + ")");
        }
        return v;
    }
}
