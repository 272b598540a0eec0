package io.statebackend.settings;

import com.google.common.net.InetAddresses;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.regex.Pattern;

/** Small, reusable validations that each raise a {@link SettingsException} naming the key, value and expectation. */
final class Checks {

    private static final Pattern GUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Checks() {
    }

    static boolean isGuid(String value) {
        return GUID.matcher(value).matches();
    }

    static int inRange(Setting setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new SettingsException(setting.qualifiedKey(), Integer.toString(value),
                    "a number from " + min + " to " + max);
        }
        return value;
    }

    static int atLeast(Setting setting, int value, int min, String why) {
        if (value < min) {
            throw new SettingsException(setting.qualifiedKey(), Integer.toString(value), "at least " + min + " " + why);
        }
        return value;
    }

    static String oneOf(Setting setting, String value, Collection<String> allowed, String why) {
        if (!allowed.contains(value)) {
            throw new SettingsException(setting.qualifiedKey(), value, "one of " + String.join(", ", allowed) + why);
        }
        return value;
    }

    static String matches(Setting setting, String value, Pattern pattern, String expectation) {
        if (!pattern.matcher(value).matches()) {
            throw new SettingsException(setting.qualifiedKey(), value, expectation);
        }
        return value;
    }

    static String guid(Setting setting, String value) {
        if (!isGuid(value)) {
            throw new SettingsException(setting.qualifiedKey(), value,
                    "an Entra object id (GUID such as 00000000-0000-0000-0000-000000000000)");
        }
        return value;
    }

    /** In production, refuses a value built on an example id (see {@link ExampleValues}). */
    static void notAnExample(boolean production, boolean example, Setting setting, String value, String what) {
        require(!production || !example, setting, value, what + " of your own, not an example: replace the examples in "
                + "the stack file before the first pulumi up");
    }

    static void require(boolean condition, Setting setting, String value, String expectation) {
        if (!condition) {
            throw new SettingsException(setting.qualifiedKey(), value, expectation);
        }
    }

    /**
     * A private IPv4 CIDR range for a VNet created here, e.g. 10.250.0.0/24: the network address with no host bits
     * set, a prefix of /16 to /28 (Azure's smallest subnet is /29; /28 leaves room for the endpoints).
     */
    static String privateCidr(Setting setting, String value) {
        Cidr cidr = Cidr.parse(setting, value, "a private IPv4 CIDR range such as 10.250.0.0/24");
        if (!cidr.address().isSiteLocalAddress() || cidr.prefix() < 16 || cidr.prefix() > 28 || !cidr.isNetworkAddress()) {
            throw new SettingsException(setting.qualifiedKey(), value,
                    "a private IPv4 CIDR range from /16 to /28 with no host bits set, such as 10.250.0.0/24");
        }
        return value;
    }

    /**
     * A public IPv4 address or range for a storage/Key Vault firewall rule. Azure accepts only public addresses, and
     * ranges of /30 or wider (a /31 or /32 must be given as a single address).
     */
    static String publicIpRule(Setting setting, String value) {
        String expectation = "a public IPv4 address or CIDR range from /0 to /30, such as 203.0.113.0/24";
        Cidr cidr = value.contains("/")
                ? Cidr.parse(setting, value, expectation)
                : new Cidr(parseIpv4(setting, value, expectation), 32);
        InetAddress address = cidr.address();
        boolean isPublic = !(address.isSiteLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || isSharedAddressSpace(address));
        if (!isPublic || (value.contains("/") && (cidr.prefix() > 30 || !cidr.isNetworkAddress()))) {
            throw new SettingsException(setting.qualifiedKey(), value, expectation);
        }
        return value;
    }

    /** 100.64.0.0/10 (carrier-grade NAT) is not public either, and Java does not classify it. */
    private static boolean isSharedAddressSpace(InetAddress address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }

    private static Inet4Address parseIpv4(Setting setting, String value, String expectation) {
        if (!InetAddresses.isInetAddress(value) || !(InetAddresses.forString(value) instanceof Inet4Address v4)) {
            throw new SettingsException(setting.qualifiedKey(), value, expectation);
        }
        return v4;
    }

    private record Cidr(Inet4Address address, int prefix) {

        static Cidr parse(Setting setting, String value, String expectation) {
            String[] parts = value.split("/", -1);
            if (parts.length != 2 || !parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
                throw new SettingsException(setting.qualifiedKey(), value, expectation);
            }
            return new Cidr(parseIpv4(setting, parts[0], expectation), Integer.parseInt(parts[1]));
        }

        boolean isNetworkAddress() {
            int bits = InetAddresses.coerceToInteger(address);
            int hostMask = prefix == 0 ? -1 : (int) ((1L << (32 - prefix)) - 1);
            return (bits & hostMask) == 0;
        }
    }
}
