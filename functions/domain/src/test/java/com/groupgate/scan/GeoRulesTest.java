package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeoRulesTest {
    private static final ClientContext UNKNOWN = ClientContext.UNKNOWN;
    private static final ClientContext SHENZHEN_V4 = client("10.1.2.3", "CN", "CN-GD");
    private static final ClientContext BEIJING_V6 = client("2001:db8::7", "CN", "CN-BJ");
    private static final ClientContext BERLIN = client("203.0.113.9", "DE", "DE-BE");

    // --- no rules ---

    @Test
    void noRulesAdmitEveryone() {
        assertAllowed(GeoRules.NONE, UNKNOWN);
        assertAllowed(GeoRules.NONE, SHENZHEN_V4);
        assertAllowed(GeoRules.NONE, BEIJING_V6);
        assertFalse(GeoRules.NONE.restricts());
    }

    // --- countries ---

    @Test
    void knownCountryOnTheAllowListIsAdmitted() {
        assertAllowed(countries(List.of("CN"), List.of()), SHENZHEN_V4);
    }

    @Test
    void knownCountryOffTheAllowListIsBlocked() {
        assertBlocked(countries(List.of("CN"), List.of()), BERLIN);
    }

    @Test
    void unknownCountryFailsAnAllowList() {
        assertBlocked(countries(List.of("CN"), List.of()), UNKNOWN);
        assertBlocked(countries(List.of("CN"), List.of()), client("10.1.2.3", null, null));
    }

    @Test
    void knownCountryOnTheDenyListIsBlocked() {
        assertBlocked(countries(List.of(), List.of("DE")), BERLIN);
    }

    @Test
    void knownCountryOffTheDenyListIsAdmitted() {
        assertAllowed(countries(List.of(), List.of("DE")), SHENZHEN_V4);
    }

    @Test
    void unknownCountryPassesADenyList() {
        assertAllowed(countries(List.of(), List.of("DE")), UNKNOWN);
    }

    // --- regions ---

    @Test
    void knownRegionOnTheAllowListIsAdmitted() {
        assertAllowed(regions(List.of("CN-GD", "CN-SH"), List.of()), SHENZHEN_V4);
    }

    @Test
    void knownRegionOffTheAllowListIsBlocked() {
        assertBlocked(regions(List.of("CN-GD"), List.of()), BEIJING_V6);
    }

    @Test
    void unknownRegionFailsAnAllowList() {
        assertBlocked(regions(List.of("CN-GD"), List.of()), UNKNOWN);
        assertBlocked(regions(List.of("CN-GD"), List.of()), client("10.1.2.3", "CN", null));
    }

    @Test
    void knownRegionOnTheDenyListIsBlocked() {
        assertBlocked(regions(List.of(), List.of("CN-BJ")), BEIJING_V6);
    }

    @Test
    void knownRegionOffTheDenyListIsAdmitted() {
        assertAllowed(regions(List.of(), List.of("CN-BJ")), SHENZHEN_V4);
    }

    @Test
    void unknownRegionPassesADenyList() {
        assertAllowed(regions(List.of(), List.of("CN-BJ")), UNKNOWN);
    }

    // --- networks, IPv4 ---

    @Test
    void ipv4ClientInsideAnAllowedNetworkIsAdmitted() {
        assertAllowed(cidrs(List.of("10.0.0.0/8"), List.of()), SHENZHEN_V4);
    }

    @Test
    void ipv4ClientOutsideTheAllowedNetworksIsBlocked() {
        assertBlocked(cidrs(List.of("10.0.0.0/8", "192.168.0.0/16"), List.of()), BERLIN);
    }

    @Test
    void unknownIpFailsACidrAllowList() {
        assertBlocked(cidrs(List.of("10.0.0.0/8"), List.of()), UNKNOWN);
        assertBlocked(cidrs(List.of("0.0.0.0/0", "::/0"), List.of()), client(null, "CN", "CN-GD"));
    }

    @Test
    void ipv4ClientInsideADeniedNetworkIsBlocked() {
        assertBlocked(cidrs(List.of(), List.of("10.0.0.0/8")), SHENZHEN_V4);
    }

    @Test
    void ipv4ClientOutsideTheDeniedNetworksIsAdmitted() {
        assertAllowed(cidrs(List.of(), List.of("10.0.0.0/8")), BERLIN);
    }

    @Test
    void unknownIpPassesACidrDenyList() {
        assertAllowed(cidrs(List.of(), List.of("0.0.0.0/0", "::/0")), UNKNOWN);
    }

    @Test
    void ipv4MappedClientIsJudgedByIpv4Networks() {
        ClientContext mapped = client("::ffff:10.1.2.3", null, null);
        assertAllowed(cidrs(List.of("10.0.0.0/8"), List.of()), mapped);
        assertBlocked(cidrs(List.of(), List.of("10.0.0.0/8")), mapped);
    }

    // --- networks, IPv6 ---

    @Test
    void ipv6ClientInsideAnAllowedNetworkIsAdmitted() {
        assertAllowed(cidrs(List.of("2001:db8::/32"), List.of()), BEIJING_V6);
    }

    @Test
    void ipv6ClientOutsideTheAllowedNetworksIsBlocked() {
        assertBlocked(cidrs(List.of("2001:db9::/32"), List.of()), BEIJING_V6);
    }

    @Test
    void ipv6ClientInsideADeniedNetworkIsBlocked() {
        assertBlocked(cidrs(List.of(), List.of("2001:db8::/48")), BEIJING_V6);
    }

    @Test
    void ipv6ClientOutsideTheDeniedNetworksIsAdmitted() {
        assertAllowed(cidrs(List.of(), List.of("2001:db9::/32")), BEIJING_V6);
    }

    @Test
    void ipv6ClientFailsAnIpv4OnlyAllowListAndPassesAnIpv4OnlyDenyList() {
        assertBlocked(cidrs(List.of("0.0.0.0/0"), List.of()), BEIJING_V6);
        assertAllowed(cidrs(List.of(), List.of("0.0.0.0/0")), BEIJING_V6);
    }

    @Test
    void ipv4ClientFailsAnIpv6OnlyAllowListAndPassesAnIpv6OnlyDenyList() {
        assertBlocked(cidrs(List.of("::/0"), List.of()), SHENZHEN_V4);
        assertAllowed(cidrs(List.of(), List.of("::/0")), SHENZHEN_V4);
    }

    @Test
    void mixedFamilyAllowListAdmitsEitherFamily() {
        GeoRules rules = cidrs(List.of("10.0.0.0/8", "2001:db8::/32"), List.of());
        assertAllowed(rules, SHENZHEN_V4);
        assertAllowed(rules, BEIJING_V6);
        assertBlocked(rules, BERLIN);
    }

    // --- combinations ---

    @Test
    void denyListsWinOverAllowLists() {
        assertBlocked(GeoRules.of(List.of("CN"), List.of("CN"), null, null, null, null), SHENZHEN_V4);
        assertBlocked(GeoRules.of(List.of("CN"), null, null, List.of("CN-GD"), null, null), SHENZHEN_V4);
        assertBlocked(GeoRules.of(null, null, null, null, List.of("10.0.0.0/8"), List.of("10.1.0.0/16")), SHENZHEN_V4);
        assertBlocked(GeoRules.of(List.of("CN"), null, null, null, null, List.of("2001:db8::/32")), BEIJING_V6);
    }

    @Test
    void everyNonEmptyAllowDimensionMustMatch() {
        GeoRules cnInsideTen = GeoRules.of(List.of("CN"), null, null, null, List.of("10.0.0.0/8"), null);
        assertAllowed(cnInsideTen, SHENZHEN_V4);
        assertBlocked(cnInsideTen, BEIJING_V6);                         // CN, but outside 10/8
        assertBlocked(cnInsideTen, client("10.9.9.9", "DE", null));     // inside 10/8, but not CN
        GeoRules cnGuangdong = GeoRules.of(List.of("CN"), null, List.of("CN-GD"), null, null, null);
        assertAllowed(cnGuangdong, SHENZHEN_V4);
        assertBlocked(cnGuangdong, BEIJING_V6);
    }

    @Test
    void unknownClientPassesOnlyRulesWithoutAllowLists() {
        assertAllowed(GeoRules.of(null, List.of("RU"), null, List.of("CN-XJ"), null, List.of("10.0.0.0/8")), UNKNOWN);
        assertBlocked(GeoRules.of(null, List.of("RU"), List.of("CN-GD"), null, null, null), UNKNOWN);
    }

    // --- validation ---

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "geo.allowCountries, cn",
        "geo.allowCountries, CHN",
        "geo.denyCountries, C1",
        "geo.denyCountries, ''",
        "geo.allowRegions, GD",
        "geo.allowRegions, CN_GD",
        "geo.allowRegions, cn-gd",
        "geo.denyRegions, CN-GDGD",
        "geo.denyRegions, CN-",
        "geo.allowCidrs, 10.0.0.0/33",
        "geo.allowCidrs, example.com",
        "geo.denyCidrs, 2001:db8::/129",
        "geo.denyCidrs, 1.2.3.4.5",
    })
    void malformedEntryIsRefusedNamingItsField(String field, String value) {
        RefusalException e = assertThrows(RefusalException.class, () -> withOne(field, List.of(value)));
        assertEquals(Refusal.BAD_REQUEST, e.refusal());
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"geo.allowCountries, CN", "geo.denyCountries, CN", "geo.allowRegions, CN-GD", "geo.denyRegions, CN-GD",
        "geo.allowCidrs, 10.0.0.0/8", "geo.denyCidrs, 10.0.0.0/8"})
    void moreThanAHundredEntriesAreRefusedNamingTheField(String field, String value) {
        assertEquals(GeoRules.MAX_ENTRIES, 100);
        withOne(field, Collections.nCopies(100, value));
        RefusalException e = assertThrows(RefusalException.class, () -> withOne(field, Collections.nCopies(101, value)));
        assertEquals(field, e.field());
    }

    @Test
    void nullEntryIsRefusedNamingTheField() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("geo.denyRegions", assertThrows(RefusalException.class,
                () -> withOne("geo.denyRegions", withNull)).field());
    }

    @Test
    void validRulesEchoInTheirCanonicalForm() {
        GeoRules rules = GeoRules.of(List.of("CN", "HK"), null, List.of("CN-GD", "CN-11"), null,
                List.of("10.1.2.3/8", "2001:db8::/32"), null);
        assertEquals(List.of("CN", "HK"), rules.allowCountries());
        assertEquals(List.of("10.0.0.0/8", "2001:db8:0:0:0:0:0:0/32"), GeoRules.texts(rules.allowCidrs()));
        assertEquals(List.of(), rules.denyCountries());
        assertTrue(rules.restricts());
        assertEquals(rules, GeoRules.of(List.of("CN", "HK"), List.of(), List.of("CN-GD", "CN-11"), List.of(),
                List.of("10.0.0.0/8", "2001:db8::/32"), List.of()));
    }

    private static GeoRules withOne(String field, List<String> list) {
        return switch (field) {
            case "geo.allowCountries" -> GeoRules.of(list, null, null, null, null, null);
            case "geo.denyCountries" -> GeoRules.of(null, list, null, null, null, null);
            case "geo.allowRegions" -> GeoRules.of(null, null, list, null, null, null);
            case "geo.denyRegions" -> GeoRules.of(null, null, null, list, null, null);
            case "geo.allowCidrs" -> GeoRules.of(null, null, null, null, list, null);
            case "geo.denyCidrs" -> GeoRules.of(null, null, null, null, null, list);
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static GeoRules countries(List<String> allow, List<String> deny) {
        return GeoRules.of(allow, deny, null, null, null, null);
    }

    private static GeoRules regions(List<String> allow, List<String> deny) {
        return GeoRules.of(null, null, allow, deny, null, null);
    }

    private static GeoRules cidrs(List<String> allow, List<String> deny) {
        return GeoRules.of(null, null, null, null, allow, deny);
    }

    private static ClientContext client(String ip, String country, String region) {
        return new ClientContext(ip == null ? null : IpAddress.parseOrNull(ip), country, region, null, null);
    }

    private static void assertAllowed(GeoRules rules, ClientContext client) {
        assertEquals(Optional.empty(), rules.check(client), () -> client + " should pass " + rules);
    }

    private static void assertBlocked(GeoRules rules, ClientContext client) {
        assertEquals(Optional.of(Refusal.GEO_BLOCKED), rules.check(client), () -> client + " should fail " + rules);
    }
}
