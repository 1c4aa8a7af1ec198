package com.groupgate.scan;

import com.groupgate.http.ApiResponse;
import com.groupgate.http.ContentSecurityPolicy;

/**
 * The page a progressUrl opens in a browser (WeChat's in-app one, usually): the campaign's
 * name and reward, the inviter's qualified and pending friends against the goal, and the
 * reward code once reached — in the viewer's language. No script and no pictures: the
 * Content-Security-Policy allows the one constant style by its hash and nothing else, so a
 * campaign name that slipped past escaping could not run or load anything.
 */
final class ProgressPage {
    static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0;padding:24px;max-width:480px;"
            + "margin:auto;color:#222}h1{font-size:1.4em}.reward{color:#555}"
            + "progress{display:block;width:100%;height:18px;margin:12px 0}"
            + ".count{font-size:1.1em}.code{font-family:ui-monospace,monospace;font-size:1.3em;"
            + "word-break:break-all;padding:12px;border:2px dashed #07c160;border-radius:8px;text-align:center}";
    static final ContentSecurityPolicy POLICY = ContentSecurityPolicy.of("'none'",
            ContentSecurityPolicy.hashOf(STYLE), "'none'");

    private ProgressPage() {
    }

    /** 200: the progress of {@code p} in {@code t}'s language. */
    static ApiResponse of(ProgressService.Progress p, Messages t) {
        String title = LandingPage.escape(p.campaignName());
        StringBuilder body = new StringBuilder("<h1>").append(title).append("</h1>")
                .append("<p class=\"reward\">").append(LandingPage.escape(p.reward())).append("</p>")
                .append("<p>").append(LandingPage.escape(t.text("progress.title"))).append("</p>")
                .append("<progress id=\"bar\" max=\"").append(p.goal()).append("\" value=\"")
                .append(Math.min(p.qualified(), p.goal())).append("\"></progress>")
                .append("<p class=\"count\" id=\"qualified\">")
                .append(LandingPage.escape(t.format("progress.qualified", p.qualified()))).append("</p>")
                .append("<p id=\"goal\">").append(LandingPage.escape(t.format("progress.goal", p.goal()))).append("</p>")
                .append("<p id=\"pending\">").append(LandingPage.escape(t.format("progress.pending", p.pending())))
                .append("</p>");
        if (p.rewardCode() != null) {
            body.append("<p>").append(LandingPage.escape(t.text("progress.reward"))).append("</p><p class=\"code\" ")
                    .append("id=\"rewardCode\">").append(LandingPage.escape(p.rewardCode())).append("</p>");
        }
        String html = "<!doctype html><html lang=\"" + t.lang() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + title + "</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>";
        return ApiResponse.html(200, html, POLICY);
    }
}
