package org.incidentplatform.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(strict.refusal("http://hooks.example.com/incidents")).hasValueSatisfying(
                reason -> assertThat(reason).contains("https"));
    }

    @Test
    void loopbackPrivateLinkLocalAndSharedAddresses_areRefused_evenOverHttps() {
        assertThat(strict.refusal("https://127.0.0.1/hook")).isPresent();
        assertThat(strict.refusal("https://localhost/hook")).isPresent();
        assertThat(strict.refusal("https://intranet.example.com/hook")).hasValueSatisfying(
                reason -> assertThat(reason).contains("private"));
        assertThat(strict.refusal("https://metadata.example.com/latest")).isPresent();
        assertThat(strict.refusal("https://cgnat.example.com/hook")).isPresent();
        assertThat(strict.refusal("https://[::1]/hook")).isPresent();
        assertThat(strict.refusal("https://[fd00::1]/hook")).isPresent();
    }

    @Test
    void allowListedRangeOrHost_mayBeReachedOverPlainHttp() {
        TargetPolicy allowing = new TargetPolicy(List.of("127.0.0.0/8", "intranet.example.com"),
                TargetPolicyTests::resolve);

        assertThat(allowing.refusal("http://127.0.0.1:8089/hook")).isEmpty();
        assertThat(allowing.refusal("http://intranet.example.com/hook")).isEmpty();
        assertThat(allowing.refusal("https://metadata.example.com/latest")).isPresent();
    }

    @Test
    void notAUrl_unresolvableHost_orCredentialsInTheUrl_areRefused() {
        assertThat(strict.refusal("not a url")).isPresent();
        assertThat(strict.refusal("ftp://hooks.example.com/x")).isPresent();
        assertThat(strict.refusal("https://nowhere.invalid/x")).hasValueSatisfying(
                reason -> assertThat(reason).contains("does not resolve"));
        assertThat(strict.refusal("https://user:pass@hooks.example.com/x")).isPresent();
    }
}
