package io.statebackend.settings;

import com.google.common.net.InetAddresses;

import java.net.Inet4Address;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules settings are declared with. Each failure raises a {@link SettingsException} naming the key, the value and
 * what is expected; each rule's summary is what the generated settings documentation shows.
 */
final class Rules {

    private static final Pattern GUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Rules() {
    }

    static boolean isGuid(String value) {
        return GUID.matcher(value).matches();
    }

    static Rule<Integer> between(int min, int max) {
        return bounded(min + "-" + max, (setting, value, profile) -> require(value >= min && value <= max, setting,
                Integer.toString(value), "a number from " + min + " to " + max), profile -> OptionalInt.of(min),
                OptionalInt.of(max));
    }

    /** A profile's minimum, above the range every profile allows. */
    static Rule<Integer> minimumDaysIn(Profile required, int min) {
        return bounded(required.value() + " >= " + min, (setting, value, profile) -> require(
                        profile != required || value >= min, setting, Integer.toString(value),
                        "at least " + min + " days in " + required.value()),
                profile -> profile == required ? OptionalInt.of(min) : OptionalInt.empty(), OptionalInt.empty());
    }

    static Rule<Integer> either(int first, int second) {
        return bounded(first + " or " + second, (setting, value, profile) -> require(value == first || value == second,
                        setting, Integer.toString(value), first + " or " + second),
                profile -> OptionalInt.of(Math.min(first, second)), OptionalInt.of(Math.max(first, second)));
    }

    static Rule<String> oneOf(List<String> allowed) {
        String listed = "one of " + String.join(", ", allowed);
        return rule(listed, isIn(allowed, listed));
    }

    /** A narrower choice in one profile; checked before the general one so its reason is the one reported. */
    static Rule<String> oneOfIn(Profile required, List<String> allowed, String why) {
        return rule(required.value() + ": one of " + String.join(", ", allowed), (setting, value, profile) -> require(
                profile != required || allowed.contains(value), setting, value,
                "one of " + String.join(", ", allowed) + " (" + why + ")"));
    }

    static Rule<String> matches(Pattern pattern, String expectation) {
        return rule("", (setting, value, profile) -> require(pattern.matcher(value).matches(), setting, value,
                expectation));
    }

    /** As {@link #oneOf}, for a set too long to list: {@code expectation} says what it holds. */
    static Rule<String> memberOf(Collection<String> allowed, String expectation) {
        return rule("", isIn(allowed, expectation));
    }

    private static Check<String> isIn(Collection<String> allowed, String expectation) {
        return (setting, value, profile) -> require(allowed.contains(value), setting, value, expectation);
    }

    /** A switch one profile must leave on; {@code expectation} says why. */
    static Rule<Boolean> trueIn(Profile required, String expectation) {
        return rule("true in " + required.value(), (setting, value, profile) -> require(
                profile != required || value, setting, Boolean.toString(value), expectation));
    }

    static Rule<List<String>> nonEmptyIn(Profile required, String expectation) {
        return rule("at least one in " + required.value(), (setting, value, profile) -> require(
                profile != required || !value.isEmpty(), setting, "[]", expectation));
    }

    /**
     * Each item once, whatever its letter case: a repeated entry declares the same grant or rule twice (for an Entra
     * object id, one role assignment name twice), which fails half-way through the deployment instead of here.
     */
    static Rule<List<String>> distinct() {
        return rule("each once", (setting, value, profile) -> {
            Map<String, String> seen = new HashMap<>();
            value.forEach(item -> {
                String earlier = seen.putIfAbsent(item.toLowerCase(Locale.ROOT), item);
                require(earlier == null, setting, item, "each entry once (letter case aside): it repeats \"" + earlier
                        + "\"");
            });
        });
    }

    /** Applies a rule to every item of a list, reporting the item that fails. */
    static Rule<List<String>> each(Rule<String> itemRule) {
        return rule(itemRule.summary(), (setting, value, profile) -> value.forEach(
                item -> itemRule.check(setting, item, profile)));
    }

    static Rule<String> guid() {
        return rule("", (setting, value, profile) -> require(isGuid(value), setting, value,
                "an Entra object id (GUID such as 00000000-0000-0000-0000-000000000000)"));
    }

    /** In one profile, refuses a value built on an example id (see {@link ExampleValues}). */
    static Rule<String> notAnExampleIn(Profile required, Predicate<String> isExample, String what) {
        return rule("", (setting, value, profile) -> require(profile != required || !isExample.test(value), setting,
                value, ownValue(what)));
    }

    /** An IAM principal other than an account root: bucket and key policies naming a root trust all that account lets in. */
    static Rule<String> notAccountRootIn(Profile required) {
        return rule("no account root in " + required.value(), (setting, arn, profile) -> require(
                profile != required || !arn.endsWith(":root"), setting, arn,
                "an IAM role or user ARN in " + required.value() + ": an account root would let in every identity"
                        + " that account's own policies allow"));
    }

    /**
     * A private DNS zone with the name its endpoints register in: a link to another zone gives no error anywhere,
     * only host names that no longer resolve to the private endpoint.
     */
    static Rule<AzureResourceId> zoneNamed(String zone) {
        return rule("", (setting, id, profile) -> require(id.name().equalsIgnoreCase(zone), setting, id.value(),
                "the id of a private DNS zone named " + zone));
    }

    static Rule<AzureResourceId> inOwnSubscriptionIn(Profile required) {
        return rule("", (setting, id, profile) -> require(
                profile != required || !ExampleValues.isExampleGuid(id.subscriptionId()), setting, id.value(),
                ownValue("a resource id in a subscription")));
    }

    private static String ownValue(String what) {
        return what + " of your own, not an example: replace the examples in the stack file before the first pulumi up";
    }

    static Rule<String> privateCidr() {
        return rule("", (setting, value, profile) -> privateCidr(setting, value));
    }

    static Rule<String> publicIpRule() {
        return rule("public, one address or /" + WIDEST_PUBLIC_RANGE + " to /30", (setting, value, profile) -> publicIpRule(setting, value));
    }

    /** A firewall rule's address or range outside the documentation blocks, in {@code required}: those are examples. */
    static Rule<String> notADocumentationRangeIn(Profile required) {
        return rule("no documentation range in " + required.value(), (setting, value, profile) -> {
            if (profile == required) {
                overlapping(ipRule(setting, value), DOCUMENTATION).ifPresent(block -> {
                    throw new SettingsException(setting.qualifiedKey(), value, ownValue("an address range")
                            + "; it overlaps " + block);
                });
            }
        });
    }

    /** For a condition between settings, which no single setting's rules can state. */
    static void require(boolean condition, Setting<?> setting, String value, String expectation) {
        if (!condition) {
            throw new SettingsException(setting.qualifiedKey(), value, expectation);
        }
    }

    private interface Check<T> {
        void check(Setting<?> setting, T value, Profile profile);
    }

    private static <T> Rule<T> rule(String summary, Check<T> check) {
        return bounded(summary, check, profile -> OptionalInt.empty(), OptionalInt.empty());
    }

    private static <T> Rule<T> bounded(String summary, Check<T> check, Function<Profile, OptionalInt> lowest,
                                       OptionalInt highest) {
        return new Rule<>() {
            @Override
            public void check(Setting<?> setting, T value, Profile profile) {
                check.check(setting, value, profile);
            }

            @Override
            public String summary() {
                return summary;
            }

            @Override
            public OptionalInt lowestIn(Profile profile) {
                return lowest.apply(profile);
            }

            @Override
            public OptionalInt highest() {
                return highest;
            }
        };
    }

    /**
     * A private IPv4 CIDR range for a VNet created here, e.g. 10.250.0.0/24: the network address with no host bits
     * set, a prefix of /16 to /28 (Azure's smallest subnet is /29; /28 leaves room for the endpoints).
     */
    private static void privateCidr(Setting<?> setting, String value) {
        Cidr cidr = Cidr.parse(setting, value, "a private IPv4 CIDR range such as 10.250.0.0/24");
        if (overlapping(cidr, PRIVATE_USE).isEmpty() || cidr.prefix() < 16 || cidr.prefix() > 28 || !cidr.isNetworkAddress()) {
            throw new SettingsException(setting.qualifiedKey(), value,
                    "a private IPv4 CIDR range from /16 to /28 with no host bits set, such as 10.250.0.0/24");
        }
    }

    /** Read before the address tables below are built, from their text. */
    private static final Pattern DOTTED_QUAD = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    /** The widest range a firewall rule may open: 65,536 addresses, an organisation's block, not a slice of the internet. */
    private static final int WIDEST_PUBLIC_RANGE = 16;

    /**
     * A public IPv4 address or range for a storage/Key Vault firewall rule: ranges of /30 or wider (Azure takes a /31
     * or /32 only as a single address), none of it in a block that is {@link #NOT_PUBLIC}.
     */
    private static void publicIpRule(Setting<?> setting, String value) {
        Cidr cidr = ipRule(setting, value);
        if (value.contains("/") && (cidr.prefix() > 30 || cidr.prefix() < WIDEST_PUBLIC_RANGE || !cidr.isNetworkAddress())) {
            throw new SettingsException(setting.qualifiedKey(), value, IP_RULE);
        }
        overlapping(cidr, NOT_PUBLIC).ifPresent(block -> {
            throw new SettingsException(setting.qualifiedKey(), value, IP_RULE + "; it overlaps " + block);
        });
    }

    private static final String IP_RULE = "a public IPv4 address or CIDR range from /" + WIDEST_PUBLIC_RANGE
            + " to /30 (a /31 or /32 as a single address), such as 203.0.113.0/24";

    /** A firewall rule's value, a single address (a /32) or a CIDR range. */
    private static Cidr ipRule(Setting<?> setting, String value) {
        return value.contains("/")
                ? Cidr.parse(setting, value, IP_RULE)
                : new Cidr(ipv4(value).orElseThrow(() -> new SettingsException(setting.qualifiedKey(), value, IP_RULE)),
                        32);
    }

    /** The first of {@code blocks} that shares an address with {@code cidr}. */
    private static Optional<NamedBlock> overlapping(Cidr cidr, List<NamedBlock> blocks) {
        return blocks.stream().filter(named -> cidr.overlaps(named.block())).findFirst();
    }

    /** The private-use blocks (RFC 1918): a VNet's range lies in one, a firewall rule's in none. */
    private static final List<NamedBlock> PRIVATE_USE = List.of(
            new NamedBlock("10.0.0.0/8", "private use"),
            new NamedBlock("172.16.0.0/12", "private use"),
            new NamedBlock("192.168.0.0/16", "private use"));

    /**
     * The blocks IANA's special-purpose address registry (RFC 6890 and its updates) marks as not forwardable or not
     * globally reachable, and multicast: a firewall rule for any of them lets no one in from the internet. The
     * {@link #DOCUMENTATION} blocks are left out: they stand for public addresses in examples, this project's too.
     */
    private static final List<NamedBlock> NOT_PUBLIC = Stream.concat(PRIVATE_USE.stream(), Stream.of(
            new NamedBlock("0.0.0.0/8", "this network"),
            new NamedBlock("100.64.0.0/10", "shared address space"),
            new NamedBlock("127.0.0.0/8", "loopback"),
            new NamedBlock("169.254.0.0/16", "link local"),
            new NamedBlock("192.0.0.0/24", "IETF protocol assignments"),
            new NamedBlock("198.18.0.0/15", "benchmarking"),
            new NamedBlock("224.0.0.0/4", "multicast"),
            new NamedBlock("240.0.0.0/4", "reserved"))).toList();

    /** The blocks RFC 5737 sets aside for documentation: the examples that production refuses. */
    private static final List<NamedBlock> DOCUMENTATION = List.of(
            new NamedBlock("192.0.2.0/24", "TEST-NET-1"),
            new NamedBlock("198.51.100.0/24", "TEST-NET-2"),
            new NamedBlock("203.0.113.0/24", "TEST-NET-3"));

    private record NamedBlock(String text, String name, Cidr block) {

        NamedBlock(String text, String name) {
            this(text, name, Cidr.of(text));
        }

        @Override
        public String toString() {
            return text + " (" + name + ")";
        }
    }

    /** The IPv4 address {@code text} names as a dotted quad, or empty. */
    private static Optional<Inet4Address> ipv4(String text) {
        // Dotted quads only: an IPv4-mapped IPv6 text parses to the same address, but Azure's rules take IPv4 text.
        return DOTTED_QUAD.matcher(text).matches() && InetAddresses.isInetAddress(text)
                ? Optional.of((Inet4Address) InetAddresses.forString(text)) : Optional.empty();
    }

    private record Cidr(Inet4Address address, int prefix) {

        static Cidr parse(Setting<?> setting, String value, String expectation) {
            String[] parts = value.split("/", -1);
            Optional<Inet4Address> address = parts.length == 2 ? ipv4(parts[0]) : Optional.empty();
            if (address.isEmpty() || !parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
                throw new SettingsException(setting.qualifiedKey(), value, expectation);
            }
            return new Cidr(address.get(), Integer.parseInt(parts[1]));
        }

        /** A block written right, for the rules' own tables. */
        static Cidr of(String cidr) {
            String[] parts = cidr.split("/");
            return new Cidr(ipv4(parts[0]).orElseThrow(), Integer.parseInt(parts[1]));
        }

        /** Whether any address is in both: the shorter prefix's network is the same for both. */
        boolean overlaps(Cidr other) {
            int shorter = Math.min(prefix, other.prefix());
            return network(shorter) == other.network(shorter);
        }

        private int network(int bits) {
            return bits == 0 ? 0 : InetAddresses.coerceToInteger(address) >>> (32 - bits);
        }

        boolean isNetworkAddress() {
            int bits = InetAddresses.coerceToInteger(address);
            int hostMask = prefix == 0 ? -1 : (int) ((1L << (32 - prefix)) - 1);
            return (bits & hostMask) == 0;
        }
    }
}
