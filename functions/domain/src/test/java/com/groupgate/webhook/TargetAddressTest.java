package com.groupgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.scan.IpAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetAddressTest {
    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK",
        "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.254, PRIVATE",
        "192.168.1.1, PRIVATE", "100.64.0.1, PRIVATE",
        "169.254.169.254, METADATA", "fd00:ec2::254, METADATA",
        "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
        "fd00::1, UNIQUE_LOCAL", "fc00::1, UNIQUE_LOCAL", "fdff:ffff::1, UNIQUE_LOCAL",
        "0.0.0.0, NOT_UNICAST", "::, NOT_UNICAST", "224.0.0.1, NOT_UNICAST", "255.255.255.255, NOT_UNICAST",
        "ff02::1, NOT_UNICAST",
        // IPv4 inside IPv6 is judged as the IPv4 address it reaches
        "::ffff:127.0.0.1, LOOPBACK", "::ffff:10.1.2.3, PRIVATE", "::ffff:169.254.169.254, METADATA",
        "64:ff9b::a9fe:a9fe, METADATA", "2002:c0a8:0101::1, PRIVATE", "::7f00:1, LOOPBACK"})
    void internalAddressesAreRefused(String address, TargetAddress.Refusal refusal) {
        assertEquals(Optional.of(refusal), TargetAddress.refusal(IpAddress.parseOrNull(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "192.169.0.1", "11.0.0.1",
        "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void publicAddressesPass(String address) {
        assertEquals(Optional.empty(), TargetAddress.refusal(IpAddress.parseOrNull(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "::ffff:127.0.0.1"})
    void loopbackIsKnownAsSuch(String address) {
        assertTrue(TargetAddress.isLoopback(IpAddress.parseOrNull(address)));
    }
}
