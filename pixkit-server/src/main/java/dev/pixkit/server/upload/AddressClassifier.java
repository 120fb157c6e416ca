package dev.pixkit.server.upload;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a remote-URL upload must not reach by default: everything that is not the public internet —
 * loopback, private and unique-local ranges, link-local (with the cloud metadata service at 169.254.169.254),
 * carrier-grade NAT, multicast, unspecified, reserved and documentation ranges — also when an IPv6 address embeds
 * such an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) or tunnels to one (Teredo). Works on the raw
 * address bytes, so no spelling of an address slips through.
 */
final class AddressClassifier {
    private AddressClassifier() {}

    /** The kind of non-public address {@code address} is ("loopback", "private", …), or empty when public. */
    static Optional<String> nonPublicKind(InetAddress address) {
        byte[] b = address.getAddress();
        return Optional.ofNullable(b.length == 4 ? ipv4(b) : ipv6(b));
    }

    /** IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) as the IPv4 address they stand for; others unchanged. */
    static InetAddress canonical(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && isMapped(b)) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // four bytes are always a valid address
            }
        }
        return address;
    }

    private static String ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return "unspecified";
        }
        if (a0 == 127) {
            return "loopback";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "carrier-grade NAT";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "multicast";
        }
        if (a0 >= 240) {
            return "reserved"; // 240.0.0.0/4, with the broadcast address
        }
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) || (a0 == 198 && (a1 & 0xfe) == 18)
                || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "reserved"; // protocol assignments, benchmarking, documentation
        }
        return null;
    }

    private static String ipv6(byte[] b) {
        if (isMapped(b)) {
            return ipv4(Arrays.copyOfRange(b, 12, 16));
        }
        if (allZero(b, 0, 12)) {
            if (allZero(b, 12, 15) && b[15] == 0) {
                return "unspecified";
            }
            if (allZero(b, 12, 15) && b[15] == 1) {
                return "loopback";
            }
            return "reserved"; // IPv4-compatible ::a.b.c.d, deprecated
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xff) {
            return "multicast";
        }
        if ((b0 & 0xfe) == 0xfc) {
            return "private"; // unique local fc00::/7
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return "link-local";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return "private"; // site-local fec0::/10, deprecated
        }
        if (prefix(b, 0x00, 0x64, 0xff, 0x9b) && allZero(b, 4, 12)) {
            return ipv4(Arrays.copyOfRange(b, 12, 16)); // NAT64 64:ff9b::/96
        }
        if (prefix(b, 0x00, 0x64, 0xff, 0x9b) && b[4] == 0 && b[5] == 1) {
            return "private"; // local-use NAT64 64:ff9b:1::/48
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return ipv4(Arrays.copyOfRange(b, 2, 6)); // 6to4 2002:a.b.c.d::/48
        }
        if (prefix(b, 0x20, 0x01, 0x00, 0x00)) {
            return "reserved"; // Teredo 2001::/32
        }
        if (prefix(b, 0x20, 0x01, 0x0d, 0xb8)) {
            return "reserved"; // documentation 2001:db8::/32
        }
        if (prefix(b, 0x01, 0x00, 0x00, 0x00) && allZero(b, 4, 8)) {
            return "reserved"; // discard-only 100::/64
        }
        return null;
    }

    private static boolean isMapped(byte[] b) {
        return allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean prefix(byte[] b, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if ((b[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
