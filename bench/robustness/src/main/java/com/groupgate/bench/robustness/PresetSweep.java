package com.groupgate.bench.robustness;

import com.groupgate.qr.Ecc;
import com.groupgate.qr.Medium;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code make robustness-sweep}: how each medium's preset was chosen. For each medium's printed
 * size, every candidate error-correction level and quiet zone that fits the same square is
 * photographed under the same damage as {@link RobustnessBench} and decoded by zxing and
 * OpenCV; a candidate qualifies when no row (damage × strength × decoder) reads worse than the
 * zxing default at that size. Arguments: {@code [trials (default 20)] [seed (default 29)] [media,
 * comma-separated wire names (default all)] [candidates, comma-separated level and quiet zone
 * such as {@code M3} (default all below)]} — another seed than the benchmark's, so the table that
 * reports the choice is not the data it was tuned on.
 */
public final class PresetSweep {
    /** Candidate levels and quiet zones: what can be printed in the same square as the default. */
    private static final List<Candidate> CANDIDATES = List.of(new Candidate(Ecc.L, 2), new Candidate(Ecc.M, 2),
            new Candidate(Ecc.M, 3), new Candidate(Ecc.M, 4), new Candidate(Ecc.Q, 2), new Candidate(Ecc.H, 2));

    private record Candidate(Ecc ecc, int quietZoneModules) {
        /** {@code M3}: level M, a 3-module quiet zone. */
        static Candidate parse(String name) {
            return new Candidate(Ecc.valueOf(name.substring(0, 1)), Integer.parseInt(name.substring(1)));
        }

        Symbol symbol(String url, Medium medium) {
            return Symbol.encoded(url, ecc, quietZoneModules, medium);
        }
    }

    private PresetSweep() {
    }

    public static void main(String[] args) throws InterruptedException {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 29;
        List<String> urls = GroupCodeUrls.issue(trials, seed);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.printf(Locale.ROOT, "%d photographs a row, seed %d. Worse (beyond chance) / better: rows (damage × "
                + "strength) where the candidate reads fewer / more photographs than the zxing default, zxing \\| "
                + "OpenCV; in brackets the worse rows beyond chance (exact McNemar, p < %.2f). Then mean %% decoded "
                + "per damage, zxing \\| OpenCV.%n%n", trials, seed, Paired.SIGNIFICANCE);
        out.print("| medium | candidate | worse (beyond chance) | better |");
        for (Damage damage : Damage.values()) {
            out.print(" " + damage.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " |");
        }
        out.println();
        out.println("|---|---|---|---|" + "---|".repeat(Damage.values().length));
        List<Medium> media = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(name -> Medium.parse(name).orElseThrow(
                        () -> new IllegalArgumentException("no medium " + name))).toList()
                : List.of(Medium.values());
        List<Candidate> candidates = args.length > 3
                ? Arrays.stream(args[3].split(",")).map(Candidate::parse).toList()
                : CANDIDATES;
        List<String> tables = RobustnessBench.perMedium(media, medium -> {
            try (QrDecoder zxing = new ZxingDecoder(false); QrDecoder openCv = new OpenCvDecoder()) {
                return sweep(medium, candidates, List.of(zxing, openCv), urls, trials, seed);
            }
        });
        tables.forEach(out::print);
    }

    private static String sweep(Medium medium, List<Candidate> candidates, List<QrDecoder> decoders, List<String> urls,
                                int trials, long seed) {
        // rows[candidate][damage][strength][decoder], each candidate paired with the default
        Paired[][][][] rows = new Paired[candidates.size()][Damage.values().length][4][decoders.size()];
        for (Paired[][][] byDamage : rows) {
            for (Paired[][] byLevel : byDamage) {
                for (Paired[] byDecoder : byLevel) {
                    for (int d = 0; d < byDecoder.length; d++) {
                        byDecoder[d] = new Paired();
                    }
                }
            }
        }
        for (Damage damage : Damage.values()) {
            for (int level = 0; level < damage.strengths().size(); level++) {
                for (int trial = 0; trial < trials; trial++) {
                    String url = urls.get(trial);
                    Conditions conditions = RobustnessBench.conditions(medium, damage, level, trial, seed);
                    Camera.Photo plain = Camera.photograph(Symbol.zxingDefault(url, medium), conditions);
                    boolean[] plainRead = new boolean[decoders.size()];
                    for (int d = 0; d < decoders.size(); d++) {
                        plainRead[d] = decoders.get(d).reads(plain, url);
                    }
                    for (int c = 0; c < candidates.size(); c++) {
                        Camera.Photo photo = Camera.photograph(candidates.get(c).symbol(url, medium), conditions);
                        for (int d = 0; d < decoders.size(); d++) {
                            rows[c][damage.ordinal()][level][d].add(decoders.get(d).reads(photo, url), plainRead[d]);
                        }
                    }
                }
            }
        }
        String sample = urls.get(0);
        StringBuilder table = new StringBuilder(
                line(medium, "default L q4", Symbol.zxingDefault(sample, medium), rows[0], decoders.size(), false));
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            table.append(line(medium, candidate.ecc() + " q" + candidate.quietZoneModules(),
                    candidate.symbol(sample, medium), rows[c], decoders.size(), true));
        }
        return table.toString();
    }

    private static String line(Medium medium, String name, Symbol symbol, Paired[][][] rows, int decoders,
                               boolean candidate) {
        int[] worse = new int[decoders];
        int[] significant = new int[decoders];
        int[] better = new int[decoders];
        StringBuilder means = new StringBuilder();
        for (Damage damage : Damage.values()) {
            int[] sum = new int[decoders];
            int total = 0;
            for (int level = 0; level < damage.strengths().size(); level++) {
                for (int d = 0; d < decoders; d++) {
                    Paired row = rows[damage.ordinal()][level][d];
                    worse[d] += row.worse() ? 1 : 0;
                    significant[d] += row.significantlyWorse() ? 1 : 0;
                    better[d] += row.preset() > row.plain() ? 1 : 0;
                    sum[d] += candidate ? row.preset() : row.plain();
                }
                total += rows[damage.ordinal()][level][0].trials();
            }
            means.append(String.format(Locale.ROOT, " %d \\| %d |", Math.round(100.0 * sum[0] / total),
                    Math.round(100.0 * sum[1] / total)));
        }
        return String.format(Locale.ROOT, "| %s | %s (v%d, %.2f mm) | %s | %s |%s%n", medium.wireName(), name,
                symbol.qrVersion(), symbol.moduleMm(),
                candidate ? worse[0] + " (" + significant[0] + ") \\| " + worse[1] + " (" + significant[1] + ")" : "",
                candidate ? better[0] + " \\| " + better[1] : "", means);
    }
}
