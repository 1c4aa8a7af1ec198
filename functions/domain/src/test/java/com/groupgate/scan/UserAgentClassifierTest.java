package com.groupgate.scan;

import static com.groupgate.scan.DeviceClass.DESKTOP;
import static com.groupgate.scan.DeviceClass.PHONE;
import static com.groupgate.scan.DeviceClass.TABLET;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserAgentClassifierTest {

    static Stream<Arguments> realUserAgents() {
        return Stream.of(
            ua("WeChat on Android",
                "Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160083 MMWEBSDK/20231202 MMWEBID/4194 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
                PHONE, Os.ANDROID, InApp.WECHAT),
            ua("WeChat on iOS",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.46(0x18002e2c) NetType/WIFI Language/zh_CN",
                PHONE, Os.IOS, InApp.WECHAT),
            ua("WeChat on Windows",
                "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.138 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090a13) XWEB/8391 Flue",
                DESKTOP, Os.WINDOWS, InApp.WECHAT),
            ua("WeChat Work (wxwork) on Android counts as WeChat",
                "Mozilla/5.0 (Linux; Android 12; 2201122C Build/SKQ1.211006.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/86.0.4240.99 XWEB/4317 MMWEBSDK/20220903 Mobile Safari/537.36 wxwork/4.0.19 MicroMessenger/7.0.1 NetType/WIFI Language/zh Lang/zh ColorScheme/Light",
                PHONE, Os.ANDROID, InApp.WECHAT),
            ua("QQ app on Android",
                "Mozilla/5.0 (Linux; Android 12; PEHM00 Build/SKQ1.210216.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98.0.4758.102 MQQBrowser/6.2 TBS/046805 Mobile Safari/537.36 V1_AND_SQ_8.9.58_4108_YYB_D QQ/8.9.58.11170 NetType/WIFI WebP/0.3.0 AppId/537155547 Pixel/1080 StatusBarHeight/96 SimpleUISwitch/0 QQTheme/1000 StudyMode/0 CurrentMode/0 CurrentFontScale/1.0",
                PHONE, Os.ANDROID, InApp.QQ),
            ua("QQ app on iOS",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/8.9.75.619 V1_IPH_SQ_8.9.75_1_APP_A Pixel/1170 MiniAppEnable SimpleUISwitch/0 StudyMode/0 CurrentMode/0 CurrentFontScale/1.000000 QQTheme/1000 AppId/537170024 Core/WKWebView Device/Apple(iPhone 13) NetType/WIFI QBWebViewType/1 WKType/1",
                PHONE, Os.IOS, InApp.QQ),
            ua("QQ Browser (MQQBrowser alone) is not the QQ app",
                "Mozilla/5.0 (Linux; U; Android 10; zh-cn; PCT-AL10 Build/HUAWEIPCT-AL10) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/66.0.3359.126 MQQBrowser/10.4 Mobile Safari/537.36",
                PHONE, Os.ANDROID, InApp.OTHER),
            ua("DingTalk on Android",
                "Mozilla/5.0 (Linux; U; Android 11; zh-CN; M2012K11AC Build/RKQ1.200826.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.1.233 Mobile Safari/537.36 AliApp(DingTalk/6.5.20) com.alibaba.android.rimet/24102084 Channel/227200 language/zh-CN abi/64 UT4Aplus/0.2.25 colorScheme/light",
                PHONE, Os.ANDROID, InApp.DINGTALK),
            ua("DingTalk on iOS",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.0.10) com.laiwang.DingTalk/28000587 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK",
                PHONE, Os.IOS, InApp.DINGTALK),
            ua("Alipay on Android",
                "Mozilla/5.0 (Linux; U; Android 12; zh-CN; 22041211AC Build/SP1A.210812.016) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.43 Mobile Safari/537.36 UCBS/3.22.2.43_220223200704 ChannelId(0) NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.3.20.8000) AlipayClient/10.3.20.8000 Language/zh-Hans useStatusBar/true isConcaveScreen/true Region/CN Ariver/1.0.0 DTN/2.0",
                PHONE, Os.ANDROID, InApp.ALIPAY),
            ua("Alipay on iOS",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 15_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Ariver/1.1.0 AliApp(AP/10.2.60.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:390|780|3.0) AlipayClient/10.2.60.6000 Language/zh-Hans Region/CN NebulaX/1.0.0",
                PHONE, Os.IOS, InApp.ALIPAY),
            ua("Safari on iPhone",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
                PHONE, Os.IOS, InApp.OTHER),
            ua("Chrome on an Android phone",
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
                PHONE, Os.ANDROID, InApp.OTHER),
            ua("Chrome on Windows",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
                DESKTOP, Os.WINDOWS, InApp.OTHER),
            ua("Edge on Windows",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
                DESKTOP, Os.WINDOWS, InApp.OTHER),
            ua("Chrome on macOS",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
                DESKTOP, Os.MACOS, InApp.OTHER),
            ua("Firefox on Linux",
                "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
                DESKTOP, Os.LINUX, InApp.OTHER),
            ua("Firefox on Ubuntu",
                "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
                DESKTOP, Os.LINUX, InApp.OTHER),
            ua("Chrome on ChromeOS counts as Linux",
                "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
                DESKTOP, Os.LINUX, InApp.OTHER),
            ua("Safari on iPad (mobile UA)",
                "Mozilla/5.0 (iPad; CPU OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1",
                TABLET, Os.IOS, InApp.OTHER),
            ua("WeChat on iPad",
                "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.42(0x18002a2f) NetType/WIFI Language/zh_CN",
                TABLET, Os.IOS, InApp.WECHAT),
            ua("iPadOS Safari in desktop mode looks like a Mac and counts as one",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
                DESKTOP, Os.MACOS, InApp.OTHER),
            ua("Huawei Browser on HarmonyOS NEXT phone",
                "Mozilla/5.0 (Phone; OpenHarmony 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile HuaweiBrowser/5.0.4.300",
                PHONE, Os.HARMONYOS, InApp.OTHER),
            ua("Huawei Browser on HarmonyOS NEXT tablet",
                "Mozilla/5.0 (Tablet; OpenHarmony 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 HuaweiBrowser/5.0.4.300",
                TABLET, Os.HARMONYOS, InApp.OTHER),
            ua("Huawei Browser on HarmonyOS 4 (Android-compatible UA)",
                "Mozilla/5.0 (Linux; Android 10; HarmonyOS; NOH-AN00; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36",
                PHONE, Os.HARMONYOS, InApp.OTHER),
            ua("WeChat on HarmonyOS NEXT",
                "Mozilla/5.0 (Phone; OpenHarmony 5.0; HarmonyOS 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile MicroMessenger/8.0.1.46(0x1800012e) NetType/WIFI Language/zh_CN",
                PHONE, Os.HARMONYOS, InApp.WECHAT),
            ua("Chrome on an Android tablet",
                "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Safari/537.36",
                TABLET, Os.ANDROID, InApp.OTHER),
            ua("curl",
                "curl/8.5.0",
                DESKTOP, Os.OTHER, InApp.OTHER),
            ua("KaiOS feature phone",
                "Mozilla/5.0 (Mobile; LYF/F300B/LYF-F300B-001-01-15-130718-i; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5",
                PHONE, Os.OTHER, InApp.OTHER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realUserAgents")
    void classifiesRealUserAgents(String name, String ua, UserAgentClass expected) {
        assertEquals(expected, UserAgentClassifier.classify(ua));
    }

    @Test
    void missingOrBlankUserAgentIsDesktopOtherOther() {
        UserAgentClass unknown = new UserAgentClass(DESKTOP, Os.OTHER, InApp.OTHER);
        assertEquals(unknown, UserAgentClassifier.classify(null));
        assertEquals(unknown, UserAgentClassifier.classify(""));
        assertEquals(unknown, UserAgentClassifier.classify("   "));
    }

    @Test
    void wireNamesAreLowercase() {
        assertEquals("phone", PHONE.wireName());
        assertEquals("harmonyos", Os.HARMONYOS.wireName());
        assertEquals("macos", Os.MACOS.wireName());
        assertEquals("dingtalk", InApp.DINGTALK.wireName());
        assertEquals("other", InApp.OTHER.wireName());
    }

    private static Arguments ua(String name, String ua, DeviceClass device, Os os, InApp app) {
        return Arguments.of(name, ua, new UserAgentClass(device, os, app));
    }
}
