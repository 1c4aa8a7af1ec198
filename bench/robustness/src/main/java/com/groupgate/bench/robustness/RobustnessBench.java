package com.groupgate.bench.robustness;

import com.groupgate.qr.Medium;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * {@code make robustness}: every media preset beside zxing's plain default at the same printed
 * size, photographed under each damage at each strength, {@code trials} times (each trial its
 * own scan URL, pose and noise, the same for the preset and the default), and decoded by
 * zxing (without and with TRY_HARDER) and OpenCV. Prints Markdown tables of decode rates and
 * the rows where a preset reads worse than the default.
 *
 * <p>Arguments: {@code [trials (default 40)] [seed (default 23)] [output file] [scan base URL
 * (default template.yaml's)] [media, comma-separated wire names (default all)]}. Deterministic
 * for the arguments; a medium's rows do not depend on which other media run.
 */
public final class RobustnessBench {
    static final int THREADS = 2;

    private RobustnessBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 23;
        String base = args.length > 3 ? args[3] : GroupCodeUrls.DEFAULT_BASE;
        long started = System.nanoTime();
        List<Medium> media = args.length > 4
                ? Arrays.stream(args[4].split(",")).map(name -> Medium.parse(name).orElseThrow(
                        () -> new IllegalArgumentException("no medium " + name))).toList()
                : List.of(Medium.values());
        Result result = run(media, GroupCodeUrls.issue(trials, seed, base.isEmpty() ? GroupCodeUrls.DEFAULT_BASE : base),
                seed);
        String markdown = result.markdown((System.nanoTime() - started) / 1e9, seed);
        if (args.length > 2 && !args[2].isEmpty()) {
            Files.writeString(Path.of(args[2]), markdown, StandardCharsets.UTF_8);
        }
        new PrintStream(System.out, true, StandardCharsets.UTF_8).print(markdown);
    }

    /** The decoders compared: zxing without and with TRY_HARDER, and OpenCV. New ones for each thread. */
    static List<QrDecoder> decoders() {
        return List.of(new ZxingDecoder(false), new ZxingDecoder(true), new OpenCvDecoder());
    }

    /**
     * Runs each medium on its own thread (two at a time: the media are independent and every
     * photograph is fixed by the seed, so the result does not depend on the threads).
     */
    static <T> List<T> perMedium(List<Medium> media, Function<Medium, T> work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Medium medium : media) {
                futures.add(pool.submit(() -> work.apply(medium)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** The photograph of one trial: its own random pose and light, then the damage at {@code strength}. */
    static Conditions conditions(Medium medium, Damage damage, int level, int trial, long seed) {
        Random random = new Random(seed * 1_000_003L + damage.ordinal() * 10_007L + level * 101L + trial);
        return damage.apply(Conditions.handheld(medium.viewingDistanceMm(), random), damage.strengths().get(level));
    }

    static Result run(List<Medium> media, List<String> urls, long seed) throws InterruptedException {
        int trials = urls.size();
        List<QrDecoder> named = decoders();
        List<String> names = named.stream().map(QrDecoder::name).toList();
        named.forEach(QrDecoder::close);
        Result result = new Result(media, names, urls);
        perMedium(media, medium -> {
            List<QrDecoder> decoders = decoders();
            try {
                for (Damage damage : Damage.values()) {
                    for (int level = 0; level < damage.strengths().size(); level++) {
                        for (int trial = 0; trial < trials; trial++) {
                            String url = urls.get(trial);
                            Conditions conditions = conditions(medium, damage, level, trial, seed);
                            Camera.Photo preset = Camera.photograph(Symbol.preset(url, medium), conditions);
                            Camera.Photo plain = Camera.photograph(Symbol.zxingDefault(url, medium), conditions);
                            for (int d = 0; d < decoders.size(); d++) {
                                result.row(medium, damage, level, d)
                                        .add(decoders.get(d).reads(preset, url), decoders.get(d).reads(plain, url));
                            }
                        }
                    }
                }
            } finally {
                decoders.forEach(QrDecoder::close);
            }
            return medium;
        });
        return result;
    }

    /** A {@link Paired} row per medium, damage, strength and decoder. */
    static final class Result {
        private final List<Medium> media;
        private final List<String> decoders;
        private final List<String> urls;
        private final int trials;
        private final Paired[][][][] rows;

        Result(List<Medium> media, List<String> decoders, List<String> urls) {
            this.media = media;
            this.decoders = decoders;
            this.urls = urls;
            this.trials = urls.size();
            this.rows = new Paired[media.size()][Damage.values().length][4][decoders.size()];
            for (Paired[][][] byDamage : rows) {
                for (Paired[][] byLevel : byDamage) {
                    for (Paired[] byDecoder : byLevel) {
                        for (int d = 0; d < byDecoder.length; d++) {
                            byDecoder[d] = new Paired();
                        }
                    }
                }
            }
        }

        Paired row(Medium medium, Damage damage, int level, int decoder) {
            return rows[media.indexOf(medium)][damage.ordinal()][level][decoder];
        }

        /** Rows where the preset read fewer photographs than the default, with the test's p. */
        List<String> worseRows(boolean significantOnly) {
            List<String> worse = new ArrayList<>();
            for (Medium medium : media) {
                for (Damage damage : Damage.values()) {
                    for (int level = 0; level < damage.strengths().size(); level++) {
                        for (int d = 0; d < decoders.size(); d++) {
                            Paired row = row(medium, damage, level, d);
                            if (significantOnly ? row.significantlyWorse() : row.worse()) {
                                worse.add(String.format(Locale.ROOT, "%s, %s, %s: %d < %d of %d (p = %.2f)",
                                        medium.wireName(), damage.label(damage.strengths().get(level)), decoders.get(d),
                                        row.preset(), row.plain(), row.trials(), row.worseP()));
                            }
                        }
                    }
                }
            }
            return worse;
        }

        String markdown(double seconds, long seed) {
            StringBuilder md = new StringBuilder();
            String sample = urls.get(0);
            md.append(String.format(Locale.ROOT, "%d photographs a row (seed %d; scan URLs of %d characters, such as "
                    + "`%s`), %.0f s. Each cell: preset / zxing default, %% decoded; **bold** where the preset reads "
                    + "more, ✗ where it reads fewer.%n%n", trials, seed, sample.length(), sample, seconds));
            md.append("| preset | symbol (preset) | symbol (default, same printed size) |\n|---|---|---|\n");
            for (Medium medium : media) {
                md.append(String.format(Locale.ROOT, "| %s (%.0f mm at %.2f m, %d dpi) | %s | %s |%n",
                        medium.wireName(), medium.sizeMm(), medium.viewingDistanceMm() / 1000.0, medium.dpi(),
                        describe(Symbol.preset(sample, medium)), describe(Symbol.zxingDefault(sample, medium))));
            }
            md.append("\nMean over the strengths of each damage:\n\n| preset | decoder |");
            for (Damage damage : Damage.values()) {
                md.append(' ').append(damage.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" |");
            }
            md.append("\n|---|---|").append("---|".repeat(Damage.values().length)).append('\n');
            for (Medium medium : media) {
                for (int d = 0; d < decoders.size(); d++) {
                    md.append("| ").append(medium.wireName()).append(" | ").append(decoders.get(d)).append(" |");
                    for (Damage damage : Damage.values()) {
                        int preset = 0;
                        int plain = 0;
                        for (int level = 0; level < damage.strengths().size(); level++) {
                            preset += row(medium, damage, level, d).preset();
                            plain += row(medium, damage, level, d).plain();
                        }
                        md.append(' ').append(cell(preset, plain, trials * damage.strengths().size())).append(" |");
                    }
                    md.append('\n');
                }
            }
            md.append('\n');
            for (Medium medium : media) {
                md.append("`").append(medium.wireName()).append("`:\n\n| damage |");
                for (String decoder : decoders) {
                    md.append(' ').append(decoder).append(" |");
                }
                md.append("\n|---|").append("---|".repeat(decoders.size())).append('\n');
                for (Damage damage : Damage.values()) {
                    for (int level = 0; level < damage.strengths().size(); level++) {
                        md.append("| ").append(damage.label(damage.strengths().get(level))).append(" |");
                        for (int d = 0; d < decoders.size(); d++) {
                            Paired row = row(medium, damage, level, d);
                            md.append(' ').append(cell(row.preset(), row.plain(), trials)).append(" |");
                        }
                        md.append('\n');
                    }
                }
                md.append('\n');
            }
            List<String> significant = worseRows(true);
            List<String> any = worseRows(false);
            md.append("Rows where a preset reads fewer photographs than the default: ")
                    .append(any.isEmpty() ? "none" : String.join("; ", any)).append(".\n\n")
                    .append("Of these, beyond chance (one-sided exact McNemar test, p < ")
                    .append(Paired.SIGNIFICANCE).append("): ")
                    .append(significant.isEmpty() ? "none" : String.join("; ", significant)).append(".\n");
            return md.toString();
        }

        private static String describe(Symbol symbol) {
            return String.format(Locale.ROOT, "%s, version %d, quiet zone %d, module %.2f mm", symbol.ecc(),
                    symbol.qrVersion(), symbol.quietZoneModules(), symbol.moduleMm());
        }

        private static String cell(int preset, int plain, int total) {
            String text = Math.round(100.0 * preset / total) + " / " + Math.round(100.0 * plain / total);
            if (preset > plain) {
                return "**" + text + "**";
            }
            return preset < plain ? text + " ✗" : text;
        }
    }
}
