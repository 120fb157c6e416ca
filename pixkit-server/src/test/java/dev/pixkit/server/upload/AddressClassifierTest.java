package dev.pixkit.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.system.PixkitSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses a remote-URL upload may reach by default, and what {@code PIXKIT_FETCH_ALLOW} opens. */
class AddressClassifierTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An IPv6 address object even for IPv4-mapped forms (the JDK turns parsed ones into IPv4 addresses). */
    private static InetAddress raw6(String literal) throws UnknownHostException {
        byte[] b = new byte[16];
        byte[] v4 = ip(literal.substring(literal.lastIndexOf(':') + 1)).getAddress();
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return java.net.Inet6Address.getByAddress(null, b, -1);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
        127.0.0.1           | loopback
        127.255.255.254     | loopback
        10.0.0.1            | private
        10.255.255.255      | private
        172.16.0.1          | private
        172.31.255.255      | private
        172.15.255.255      | public
        172.32.0.0          | public
        192.168.1.1         | private
        192.169.0.1         | public
        169.254.169.254     | link-local
        169.254.0.1         | link-local
        100.64.0.1          | carrier-grade NAT
        100.127.255.255     | carrier-grade NAT
        100.63.255.255      | public
        100.128.0.0         | public
        0.0.0.0             | unspecified
        0.1.2.3             | unspecified
        224.0.0.1           | multicast
        239.255.255.250     | multicast
        240.0.0.1           | reserved
        255.255.255.255     | reserved
        192.0.2.10          | reserved
        198.18.0.1          | reserved
        8.8.8.8             | public
        93.184.216.34       | public
        1.1.1.1             | public
        ::                  | unspecified
        ::1                 | loopback
        ::ffff:127.0.0.1    | loopback
        ::ffff:169.254.169.254 | link-local
        ::ffff:8.8.8.8      | public
        ::127.0.0.1         | reserved
        fc00::1             | private
        fd12:3456::1        | private
        fe80::1             | link-local
        febf::1             | link-local
        fec0::1             | private
        ff02::1             | multicast
        64:ff9b::a9fe:a9fe  | link-local
        64:ff9b::808:808    | public
        64:ff9b:1::1        | private
        2002:7f00:1::1      | loopback
        2002:808:808::1     | public
        2001:0:4136:e378::1 | reserved
        2001:db8::1         | reserved
        100::1              | reserved
        2606:4700:4700::1111 | public
        2a00:1450:4001:81b::200e | public
        """)
    void classifies_by_address_bytes(String literal, String kind) {
        assertThat(AddressClassifier.nonPublicKind(ip(literal)).orElse("public")).isEqualTo(kind);
    }

    @Test
    void ipv4_mapped_ipv6_objects_are_classified_and_canonicalised_as_ipv4() throws Exception {
        InetAddress mapped = raw6("::ffff:10.1.2.3");
        assertThat(mapped.getAddress()).hasSize(16);
        assertThat(AddressClassifier.nonPublicKind(mapped)).contains("private");
        assertThat(AddressClassifier.canonical(mapped)).isEqualTo(ip("10.1.2.3"));
        assertThat(AddressClassifier.nonPublicKind(raw6("::ffff:127.0.0.1"))).contains("loopback");
        assertThat(AddressClassifier.nonPublicKind(raw6("::ffff:8.8.4.4"))).isEmpty();
        assertThat(AddressClassifier.canonical(ip("fe80::1"))).isEqualTo(ip("fe80::1"));
    }

    private static FetchPolicy policy(String allow) {
        return new FetchPolicy(PixkitSettings.fromMap(Map.of("PIXKIT_FETCH_ALLOW", allow)).remoteFetch());
    }

    @Test
    void public_addresses_need_no_allow_entry() {
        assertThat(policy("").refusal("example.com", List.of(ip("93.184.216.34")))).isEmpty();
    }

    @Test
    void one_non_public_address_among_several_refuses_the_host() {
        assertThat(policy("").refusal("mixed.example", List.of(ip("93.184.216.34"), ip("10.0.0.5"))))
                .hasValueSatisfying(r -> assertThat(r).contains("mixed.example resolves to 10.0.0.5")
                        .contains("private").contains("PIXKIT_FETCH_ALLOW"));
        assertThat(policy("").refusal("169.254.169.254", List.of(ip("169.254.169.254"))))
                .hasValueSatisfying(r -> assertThat(r).startsWith("169.254.169.254 is a link-local address"));
    }

    @Test
    void cidr_entries_allow_addresses_whatever_name_led_there() {
        FetchPolicy p = policy("10.0.0.0/8, 127.0.0.1, fd00::/8");
        assertThat(p.refusal("images.internal", List.of(ip("10.20.30.40")))).isEmpty();
        assertThat(p.refusal("127.0.0.1", List.of(ip("127.0.0.1")))).isEmpty();
        assertThat(p.refusal("127.0.0.2", List.of(ip("127.0.0.2")))).isPresent();
        assertThat(p.refusal("v6.internal", List.of(ip("fd01::1")))).isEmpty();
        assertThat(p.refusal("v6.internal", List.of(ip("fc00::1")))).isPresent();
        assertThat(p.refusal("metadata", List.of(ip("169.254.169.254")))).isPresent();
    }

    @Test
    void name_entries_allow_that_name_only_not_its_addresses_under_another_name() {
        FetchPolicy p = policy("localhost,*.svc.internal,Images.Example.");
        assertThat(p.refusal("localhost", List.of(ip("127.0.0.1"), ip("::1")))).isEmpty();
        assertThat(p.refusal("LOCALHOST.", List.of(ip("127.0.0.1")))).isEmpty();
        assertThat(p.refusal("127.0.0.1", List.of(ip("127.0.0.1")))).isPresent();
        assertThat(p.refusal("127.0.0.2", List.of(ip("127.0.0.2")))).isPresent();
        assertThat(p.refusal("a.svc.internal", List.of(ip("10.1.1.1")))).isEmpty();
        assertThat(p.refusal("b.a.svc.internal", List.of(ip("10.1.1.1")))).isEmpty();
        assertThat(p.refusal("svc.internal", List.of(ip("10.1.1.1")))).isPresent();
        assertThat(p.refusal("evilsvc.internal", List.of(ip("10.1.1.1")))).isPresent();
        assertThat(p.refusal("images.example", List.of(ip("192.168.0.9")))).isEmpty();
    }
}
