package com.groupgate.scan;

import java.util.Locale;

/**
 * The landing page's words in the scanner's language: Chinese for {@code Accept-Language:
 * zh*}, English otherwise. The page's script is a constant (its hash is its permission to
 * run), so it reads these from the form's {@code data-t-*} attributes.
 */
record LandingTexts(String lang, String join, String askToJoin, String passcode, String joined, String pending,
                    String approved, String rejected, String expired, String open, String longPress,
                    String network, String failed, String removed) {

    static final LandingTexts EN = new LandingTexts("en", "Join group", "Ask to join", "Passcode",
            "You joined the group.", "Request sent: the owner will approve it. Keep this page open.",
            "Approved: here is the way into the group.", "The owner declined this request.",
            "This group's invitation has expired; ask the organiser.", "Open the group chat",
            "Long-press the QR code to join the group chat",
            "No answer: check the connection and try again.", "Something went wrong",
            "You are no longer a member of this group.");

    static final LandingTexts ZH = new LandingTexts("zh", "加入群聊", "申请加入", "口令",
            "你已加入群聊。", "申请已发送，等待群主审核。请保持此页面打开。",
            "申请已通过：请从这里进群。", "群主拒绝了此申请。",
            "此群的邀请已过期，请联系组织者。", "打开群聊",
            "长按识别二维码加入群聊",
            "网络无响应，请检查连接后重试。", "出错了",
            "你已不再是此群的成员。");

    /** Chinese when the first language the scanner's browser names is Chinese (zh, zh-CN, zh-Hant…). */
    static LandingTexts forAcceptLanguage(String header) {
        if (header == null) {
            return EN;
        }
        String first = header.split(",", 2)[0].split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return first.equals("zh") || first.startsWith("zh-") ? ZH : EN;
    }
}
