package com.groupgate.scan;

/**
 * Classifies a User-Agent into device class, OS and in-app browser for scan analytics.
 * Plain substring tests, no regular expressions: this runs for every scan.
 *
 * <p>Rules, first match wins within each answer:
 * <ul>
 *   <li>App: {@code MicroMessenger} is WeChat (WeChat Work, {@code wxwork}, sends it too
 *       and counts as WeChat); {@code " QQ/"} is the QQ app. {@code MQQBrowser} alone is
 *       QQ Browser, a plain browser, and is not QQ; the QQ app's own UA carries
 *       {@code " QQ/<version>"}. {@code DingTalk} is DingTalk (checked before Alipay: both
 *       carry {@code AliApp(...)}), {@code AlipayClient} is Alipay. Otherwise OTHER.
 *   <li>OS: {@code HarmonyOS}/{@code OpenHarmony} before Android, because HarmonyOS 2–4
 *       browsers also say {@code Android}; then iPhone/iPod/iPad as iOS; Android; Windows;
 *       {@code Macintosh} as macOS; {@code X11}/{@code Linux}/{@code CrOS} as Linux.
 *   <li>Device: iPad and Android without {@code Mobile} are tablets; iPhone, iPod and
 *       Android with {@code Mobile} are phones; HarmonyOS says {@code Tablet}, {@code PC} or
 *       {@code Phone}/{@code Mobile} outright. Windows, macOS and Linux are desktops.
 * </ul>
 *
 * <p>Known blind spots, accepted: iPadOS 13+ Safari asks for desktop sites by default
 * and sends a {@code Macintosh} UA indistinguishable from a Mac, so it counts as desktop
 * macOS; phones in "request desktop site" mode likewise count as desktops. A missing,
 * empty or unrecognised UA (bots, curl) counts as desktop, OS other, app other: DESKTOP is
 * the class for "not evidently a handheld", and a distinct unknown would split every
 * chart for a sliver of traffic.
 */
public final class UserAgentClassifier {
    private static final UserAgentClass UNKNOWN = new UserAgentClass(DeviceClass.DESKTOP, Os.OTHER, InApp.OTHER);

    private UserAgentClassifier() {
    }

    public static UserAgentClass classify(String ua) {
        if (ua == null || ua.isBlank()) {
            return UNKNOWN;
        }
        InApp app = app(ua);
        if (ua.contains("HarmonyOS") || ua.contains("OpenHarmony")) {
            return new UserAgentClass(harmonyDevice(ua), Os.HARMONYOS, app);
        }
        if (ua.contains("iPad")) {
            return new UserAgentClass(DeviceClass.TABLET, Os.IOS, app);
        }
        if (ua.contains("iPhone") || ua.contains("iPod")) {
            return new UserAgentClass(DeviceClass.PHONE, Os.IOS, app);
        }
        if (ua.contains("Android")) {
            return new UserAgentClass(ua.contains("Mobile") ? DeviceClass.PHONE : DeviceClass.TABLET, Os.ANDROID, app);
        }
        if (ua.contains("Windows")) {
            return new UserAgentClass(DeviceClass.DESKTOP, Os.WINDOWS, app);
        }
        if (ua.contains("Macintosh") || ua.contains("Mac OS X")) {
            return new UserAgentClass(DeviceClass.DESKTOP, Os.MACOS, app);
        }
        if (ua.contains("X11") || ua.contains("Linux") || ua.contains("CrOS")) {
            return new UserAgentClass(DeviceClass.DESKTOP, Os.LINUX, app);
        }
        DeviceClass device = ua.contains("Mobile") ? DeviceClass.PHONE : DeviceClass.DESKTOP;
        return new UserAgentClass(device, Os.OTHER, app);
    }

    private static InApp app(String ua) {
        if (ua.contains("MicroMessenger")) {
            return InApp.WECHAT;
        }
        if (ua.contains(" QQ/") || ua.startsWith("QQ/")) {
            return InApp.QQ;
        }
        if (ua.contains("DingTalk")) {
            return InApp.DINGTALK;
        }
        if (ua.contains("AlipayClient")) {
            return InApp.ALIPAY;
        }
        return InApp.OTHER;
    }

    /**
     * HarmonyOS NEXT writes the form factor first ({@code (Phone; OpenHarmony 5.0)},
     * {@code (Tablet; ...)}, {@code (PC; ...)}); HarmonyOS 2–4 writes Android-style UAs
     * where {@code Mobile} marks a phone.
     */
    private static DeviceClass harmonyDevice(String ua) {
        if (ua.contains("Tablet")) {
            return DeviceClass.TABLET;
        }
        if (ua.contains("(PC;")) {
            return DeviceClass.DESKTOP;
        }
        if (ua.contains("Phone") || ua.contains("Mobile")) {
            return DeviceClass.PHONE;
        }
        return ua.contains("Android") ? DeviceClass.TABLET : DeviceClass.PHONE;
    }
}
