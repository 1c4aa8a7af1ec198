package com.groupgate.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which catalogue speaks to a scanner. The browser's {@code Accept-Language} first: its
 * languages by their q-values (equal weights keep the browser's order, {@code q=0} means
 * "not this"), the first one GroupGate speaks wins — {@code zh-TW}, {@code zh-HK},
 * {@code zh-MO} and {@code zh-Hant*} are 繁體中文, any other {@code zh} (bare {@code zh},
 * {@code zh-CN}, {@code zh-SG}, {@code zh-Hans*}) is 简体中文, {@code en*} is English. When
 * it names none of them (or is absent), WeChat's in-app browser still says its language in
 * its User-Agent ({@code MicroMessenger/8.0 … Language/zh_CN}). With no signal at all —
 * scripts, crawlers — English, the language of the API's own messages.
 */
final class LanguageChoice {
    private static final Pattern WECHAT_LANGUAGE = Pattern.compile("\\bLanguage/([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*)");

    private LanguageChoice() {
    }

    static Messages of(String acceptLanguage, String userAgent) {
        return fromAcceptLanguage(acceptLanguage).or(() -> fromWeChat(userAgent)).orElse(Messages.EN);
    }

    static Optional<Messages> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        record Ranged(String tag, double q, int order) {
        }
        List<Ranged> ranges = new ArrayList<>();
        String[] parts = header.split(",", 32);
        for (int i = 0; i < parts.length; i++) {
            String[] fields = parts[i].split(";");
            double q = 1;
            for (int f = 1; f < fields.length; f++) {
                String param = fields[f].strip().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                ranges.add(new Ranged(fields[0].strip(), q, i));
            }
        }
        return ranges.stream().sorted(Comparator.comparingDouble(Ranged::q).reversed()
                        .thenComparingInt(Ranged::order))
                .map(r -> forTag(r.tag())).flatMap(Optional::stream).findFirst();
    }

    static Optional<Messages> fromWeChat(String userAgent) {
        if (userAgent == null || !userAgent.contains("MicroMessenger")) {
            return Optional.empty();
        }
        Matcher m = WECHAT_LANGUAGE.matcher(userAgent);
        return m.find() ? forTag(m.group(1)) : Optional.empty();
    }

    /** The catalogue for one language tag ({@code zh-Hant-HK}, {@code zh_CN}, {@code en-GB}), if GroupGate speaks it. */
    static Optional<Messages> forTag(String tag) {
        List<String> subtags = List.of(tag.toLowerCase(Locale.ROOT).replace('_', '-').split("-"));
        return switch (subtags.get(0)) {
            case "zh" -> Optional.of(subtags.contains("hant") || subtags.contains("tw") || subtags.contains("hk")
                    || subtags.contains("mo") ? (subtags.contains("hans") ? Messages.ZH_CN : Messages.ZH_TW)
                    : Messages.ZH_CN);
            case "en" -> Optional.of(Messages.EN);
            default -> Optional.empty();
        };
    }
}
