package org.incidentplatform.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetPolicyTests {

    /** Names resolve as a DNS server under test would answer; nothing leaves the machine. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.215.14",
            "intranet.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254",
            "cgnat.example.com", "100.64.0.7",
            "localhost", "127.0.0.1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.getOrDefault(host, host);
        if (!Character.isDigit(address.charAt(0)) && !address.contains(":")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private final TargetPolicy strict = new TargetPolicy(List.of(), TargetPolicyTests::resolve);

    @Test
    void httpsToAPublicAddress_isAccepted() {
        assertThat(strict.refusal("https://hooks.example.com/incidents")).isEmpty();
    }

    @Test
    void plainHttp_isRefused() {
        assertThat(strict.refusal("http://hooks.example.com/incidents"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("https"));
    }

    @Test
    void loopbackPrivateLinkLocalAndSharedAddresses_areRefused_evenOverHttps() {
        assertThat(strict.refusal("https://127.0.0.1/hook")).isPresent();
        assertThat(strict.refusal("https://localhost/hook")).isPresent();
        assertThat(strict.refusal("https://intranet.example.com/hook"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("private"));
        assertThat(strict.refusal("https://metadata.example.com/latest")).isPresent();
        assertThat(strict.refusal("https://cgnat.example.com/hook")).isPresent();
        assertThat(strict.refusal("https://[::1]/hook")).isPresent();
        assertThat(strict.refusal("https://[fd00::1]/hook")).isPresent();
    }

    @Test
    void ipv6FormsOfAPrivateOrLoopbackIpv4Address_areRefused() {
        assertThat(strict.refusal("https://[::127.0.0.1]/hook"))
                .as("IPv4-compatible")
                .isPresent();
        assertThat(strict.refusal("https://[::a00:1]/hook"))
                .as("IPv4-compatible, hex")
                .isPresent();
        assertThat(strict.refusal("https://[::ffff:127.0.0.1]/hook"))
                .as("IPv4-mapped")
                .isPresent();
        assertThat(strict.refusal("https://[::ffff:a9fe:a9fe]/latest"))
                .as("IPv4-mapped, hex")
                .isPresent();
        assertThat(strict.refusal("https://[64:ff9b::127.0.0.1]/hook"))
                .as("NAT64")
                .isPresent();
        assertThat(strict.refusal("https://[64:ff9b::a9fe:a9fe]/latest"))
                .as("NAT64 of 169.254.169.254")
                .isPresent();
        assertThat(strict.refusal("https://[64:ff9b::c0a8:101]/hook"))
                .as("NAT64 of 192.168.1.1")
                .isPresent();
        assertThat(strict.refusal("https://[64:ff9b:1::a00:1]/hook"))
                .as("NAT64 for local use")
                .isPresent();
        assertThat(strict.refusal("https://[2002:7f00:1::]/hook"))
                .as("6to4 of 127.0.0.1")
                .isPresent();
        assertThat(strict.refusal("https://[2002:a00:1::1]/hook"))
                .as("6to4 of 10.0.0.1")
                .isPresent();
        assertThat(strict.refusal("https://[2002:6440:7::1]/hook"))
                .as("6to4 of 100.64.0.7")
                .isPresent();
    }

    @Test
    void ipv6FormsOfAPublicIpv4Address_areAccepted() {
        assertThat(strict.refusal("https://[::ffff:93.184.215.14]/hook")).isEmpty();
        assertThat(strict.refusal("https://[64:ff9b::5db8:d70e]/hook")).isEmpty();
        assertThat(strict.refusal("https://[2002:5db8:d70e::1]/hook")).isEmpty();
        assertThat(strict.refusal("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook"))
                .isEmpty();
    }

    @Test
    void aResolverAnsweringAnIpv4MappedAddressAsIpv6_isRefused() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
        InetAddress answer = Inet6Address.getByAddress("mapped.example.com", mapped, -1);
        TargetPolicy policy = new TargetPolicy(List.of(), host -> new InetAddress[] {answer});

        assertThat(answer).isInstanceOf(Inet6Address.class);
        assertThat(policy.refusal("https://mapped.example.com/hook"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("private"));
    }

    @Test
    void everyAddressOfAName_isChecked_andTheAllowedVerdictCarriesThemAll() throws UnknownHostException {
        InetAddress publicAddress = InetAddress.getByName("93.184.215.14");
        InetAddress privateAddress = InetAddress.getByName("10.1.2.3");
        TargetPolicy mixed = new TargetPolicy(List.of(), host -> new InetAddress[] {publicAddress, privateAddress});
        TargetPolicy twoPublic = new TargetPolicy(
                List.of(), host -> new InetAddress[] {publicAddress, InetAddress.getByName("93.184.215.15")});

        assertThat(mixed.check("https://hooks.example.com/hook")).isInstanceOf(TargetPolicy.Verdict.Refused.class);
        assertThat(twoPublic.check("https://Hooks.Example.com:8443/hook"))
                .isInstanceOfSatisfying(TargetPolicy.Verdict.Allowed.class, allowed -> {
                    assertThat(allowed.host()).isEqualTo("hooks.example.com");
                    assertThat(allowed.addresses()).hasSize(2).first().isEqualTo(publicAddress);
                    assertThat(allowed.uri().getPort()).isEqualTo(8443);
                });
    }

    @Test
    void allowListedRangeOrHost_mayBeReachedOverPlainHttp() {
        TargetPolicy allowing =
                new TargetPolicy(List.of("127.0.0.0/8", "intranet.example.com"), TargetPolicyTests::resolve);

        assertThat(allowing.refusal("http://127.0.0.1:8089/hook")).isEmpty();
        assertThat(allowing.refusal("http://intranet.example.com/hook")).isEmpty();
        assertThat(allowing.refusal("https://metadata.example.com/latest")).isPresent();
    }

    @Test
    void notAUrl_unresolvableHost_orCredentialsInTheUrl_areRefused() {
        assertThat(strict.refusal("not a url")).isPresent();
        assertThat(strict.refusal("ftp://hooks.example.com/x")).isPresent();
        assertThat(strict.refusal("https://nowhere.invalid/x"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not resolve"));
        assertThat(strict.refusal("https://user:pass@hooks.example.com/x")).isPresent();
    }
}
