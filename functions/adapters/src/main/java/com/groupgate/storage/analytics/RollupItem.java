package com.groupgate.storage.analytics;

import com.groupgate.analytics.Breakdown;
import com.groupgate.analytics.Dimension;
import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.RollupValue;
import com.groupgate.analytics.ScannerSketch;
import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored form of a rollup item in AnalyticsTable, in one place for the writer and the
 * readers.
 *
 * <pre>
 * pk = T#&lt;tenant&gt;#&lt;DIMENSION&gt;#&lt;id&gt;     sk = H#2026-11-26T03 | D#2026-11-26   (see {@link RollupKey})
 * scans, accepted, joins                      N, only ever ADDed
 * x#&lt;refusal&gt;  c#&lt;country&gt;  r#&lt;region&gt;  y#&lt;city&gt;  d#&lt;device&gt;  o#&lt;os&gt;  a#&lt;app&gt;  h#&lt;utc hour&gt;
 *                                             N, only ever ADDed: one top-level number per breakdown entry
 * scanners                                    B, the HLL sketch ({@link ScannerSketch#toBytes()})
 * version                                     N, +1 with every write (the condition of the next one)
 * wm#&lt;shard id&gt;                              S, the last record of that stream shard counted here
 * gsi1pk = T#&lt;tenant&gt;#&lt;DIMENSION&gt;   gsi1sk = &lt;sk&gt;#&lt;id&gt;   CODE, GROUP, CHANNEL and LABEL items only
 * </pre>
 *
 * <p><b>Why breakdowns are top-level attributes.</b> {@code ADD} creates a missing number,
 * but only at the top level: {@code ADD byCountry.CN :n} fails while {@code byCountry} does
 * not exist, and an expression may not both create the map ({@code SET byCountry =
 * if_not_exists(...)}) and add into it. With one top-level number per entry, all of a
 * batch's counts for one item are one {@code ADD}. The write also replaces the sketch and
 * moves the shard's watermark, so it is conditioned on the {@code version} read just before
 * (see {@code RollupWriter}). Breakdown names have a one-letter prefix and the watermarks a
 * two-letter one, so neither can collide with a count or with each other.
 *
 * <p><b>The gsi1 index</b> lists a tenant's codes, groups or channels with data in a time
 * range (tenant-level rows): one Query per dimension and granularity, as {@code gsi1sk}
 * starts with the bucket's sort key. It projects only the counts the rows need, so the
 * sketches are not copied into the index on every write.
 */
public final class RollupItem {
    public static final String INDEX = "gsi1";
    public static final String SCANS = "scans";
    public static final String ACCEPTED = "accepted";
    public static final String JOINS = "joins";
    public static final String SCANNERS = "scanners";
    public static final String VERSION = "version";
    public static final String GSI_PK = "gsi1pk";
    public static final String GSI_SK = "gsi1sk";

    static final String REFUSED = "x#";
    /** Each breakdown's prefix: c#country r#region y#city d#device o#os a#app h#utc-hour. */
    private static final Map<Breakdown.By, String> PREFIX = new EnumMap<>(Map.of(
            Breakdown.By.COUNTRY, "c#", Breakdown.By.REGION, "r#", Breakdown.By.CITY, "y#",
            Breakdown.By.DEVICE, "d#", Breakdown.By.OS, "o#", Breakdown.By.APP, "a#", Breakdown.By.HOUR_OF_DAY, "h#"));

    private RollupItem() {
    }

    /** Whether items of {@code dimension} carry the gsi1 keys (tenant-level rows read them). */
    public static boolean indexed(Dimension dimension) {
        return dimension == Dimension.CODE || dimension == Dimension.GROUP || dimension == Dimension.CHANNEL
                || dimension == Dimension.LABEL || dimension == Dimension.GROUP_LABEL;
    }

    public static String indexPartition(TenantId tenantId, Dimension dimension) {
        return "T#" + tenantId.text() + "#" + dimension.name();
    }

    public static String indexSort(RollupKey key) {
        return key.sk() + "#" + key.dimensionId();
    }

    /** Every count {@code delta} adds to its item, by attribute name; zero counts left out. */
    public static Map<String, Long> additions(RollupDelta delta) {
        Map<String, Long> out = new TreeMap<>();
        putPositive(out, SCANS, delta.scans());
        putPositive(out, ACCEPTED, delta.accepted());
        putPositive(out, JOINS, delta.joins());
        prefixed(out, REFUSED, delta.refused());
        for (Breakdown.By by : Breakdown.By.ALL) {
            prefixed(out, PREFIX.get(by), delta.counts(by));
        }
        return out;
    }

    /** The stored item read back; the inverse of what the writer adds. */
    public static RollupValue decode(Map<String, AttributeValue> item) {
        RollupKey key = RollupKey.parse(Attr.str(item, "pk"), Attr.str(item, "sk"));
        Map<String, Map<String, Long>> breakdowns = new TreeMap<>();
        breakdowns.put(REFUSED, new TreeMap<>());
        PREFIX.values().forEach(prefix -> breakdowns.put(prefix, new TreeMap<>()));
        item.forEach((name, value) -> {
            int hash = name.indexOf('#');
            if (hash == 1 && value.n() != null) {
                Map<String, Long> counts = breakdowns.get(name.substring(0, 2));
                if (counts != null) {
                    counts.put(name.substring(2), Long.parseLong(value.n()));
                }
            }
        });
        return new RollupValue(key.granularity(), key.bucketStart(), Attr.num(item, SCANS, 0),
                Attr.num(item, ACCEPTED, 0), breakdowns.get(REFUSED), Attr.num(item, JOINS, 0),
                Breakdown.of(by -> breakdowns.get(PREFIX.get(by))),
                Attr.bytes(item, SCANNERS));
    }

    private static void prefixed(Map<String, Long> out, String prefix, Map<String, Long> counts) {
        counts.forEach((k, v) -> putPositive(out, prefix + k, v));
    }

    private static void putPositive(Map<String, Long> out, String name, long n) {
        if (n > 0) {
            out.put(name, n);
        }
    }
}
