package dev.pixkit.server.upload;

import dev.pixkit.server.system.PixkitSettings.Cidr;
import dev.pixkit.server.system.PixkitSettings.RemoteFetch;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a remote-URL upload may connect to the addresses a host resolved to. Public addresses always may;
 * non-public ones ({@link AddressClassifier}) only when {@code PIXKIT_FETCH_ALLOW} covers them, either
 * <ul>
 *   <li>by address: a CIDR entry containing the address, whatever name (or literal) led there, or</li>
 *   <li>by name: the URL's host name is an entry ({@code *.example.com} covers its subdomains), which then trusts
 *       whatever that name resolves to. A name entry never covers an address literal or another name that
 *       resolves to the same address, so a redirect from an allowed name to a literal internal address is
 *       still refused.</li>
 * </ul>
 * Ports are not part of an entry: the allow list says which hosts are trusted, not which services on them.
 */
final class FetchPolicy {
    private final List<Cidr> networks;
    private final List<String> hosts;

    FetchPolicy(RemoteFetch settings) {
        this.networks = settings.allowedNetworks();
        this.hosts = settings.allowedHosts();
    }

    /**
     * Why {@code host} must not be fetched from at {@code addresses} (canonical, see
     * {@link AddressClassifier#canonical}), or empty when every address may be used.
     */
    Optional<String> refusal(String host, List<InetAddress> addresses) {
        if (allowsName(host)) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = AddressClassifier.nonPublicKind(address);
            if (kind.isPresent() && networks.stream().noneMatch(n -> n.contains(address))) {
                String what = Cidr.parse(host) != null ? address.getHostAddress() + " is"
                        : host + " resolves to " + address.getHostAddress() + ",";
                return Optional.of(what + " a " + kind.get() + " address, which PIXKIT_FETCH_ALLOW does not allow");
            }
        }
        return Optional.empty();
    }

    private boolean allowsName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (String entry : hosts) {
            if (entry.startsWith("*.") ? name.endsWith(entry.substring(1)) : name.equals(entry)) {
                return true;
            }
        }
        return false;
    }
}
