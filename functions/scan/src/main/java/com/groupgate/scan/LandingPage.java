package com.groupgate.scan;

import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.ContentSecurityPolicy;

/**
 * The small mobile page a phone camera opens: the group's name and welcome message and a
 * join button (a passcode field for passcode groups). No external assets: one request,
 * readable on a slow connection.
 *
 * <p>The page's script and style are constants, and its data (the join URL and ticket)
 * travels in the form's {@code data-*} attributes, HTML-escaped. So the Content-Security-
 * Policy can allow exactly that script and that style by their SHA-256, computed once when
 * the class loads, and nothing else: a group name that slipped past escaping still could
 * not run. No inline event handlers, no {@code style} attributes — both would need
 * {@code 'unsafe-*'}.
 */
final class LandingPage {
    /** Joins with the form's ticket and shows the answer; reads nothing but the page. */
    static final String SCRIPT = "(function(){"
            + "var form=document.getElementById('join');if(!form){return;}"
            + "form.addEventListener('submit',async function(e){e.preventDefault();"
            + "var pc=document.getElementById('pc');var out=document.getElementById('result');"
            + "var body={joinTicket:form.dataset.ticket};if(pc){body.passcode=pc.value;}"
            + "try{var r=await fetch(form.dataset.join,{method:'POST',headers:{'content-type':'application/json'},"
            + "body:JSON.stringify(body)});var j=await r.json();"
            + "out.textContent=j.status==='joined'?(j.welcomeMessage||'You joined the group.')"
            + ":j.status==='pending'?'Request sent: the owner will approve it.'"
            + ":(j.error&&j.error.message)||'Something went wrong';"
            + "}catch(x){out.textContent='No answer: check the connection and try again.';}"
            + "});})();";

    static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0;padding:24px;max-width:480px;"
            + "margin:auto;color:#222}"
            + "h1{font-size:1.4em}.welcome{white-space:pre-wrap}"
            + "button{width:100%;padding:14px;font-size:1.1em;border:0;border-radius:8px;background:#07c160;color:#fff}"
            + "input{display:block;width:100%;padding:10px;font-size:1.2em;margin:8px 0 16px;box-sizing:border-box}";

    /** The landing page: its one script and its one style block, by hash. */
    static final ContentSecurityPolicy POLICY =
            ContentSecurityPolicy.of(ContentSecurityPolicy.hashOf(SCRIPT), ContentSecurityPolicy.hashOf(STYLE));
    /** A refusal page: the same style, no script at all. */
    static final ContentSecurityPolicy REFUSAL_POLICY =
            ContentSecurityPolicy.of("'none'", ContentSecurityPolicy.hashOf(STYLE));

    private LandingPage() {
    }

    /** 200: the group and its join form, posting {@code ticket} to the code's join route. */
    static ApiResponse accepted(String token, String groupName, String joinPolicy, String welcomeMessage,
                                String ticket) {
        String passcodeField = "passcode".equals(joinPolicy)
                ? "<label>Passcode <input id=\"pc\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\"></label>"
                : "";
        String welcome = welcomeMessage == null ? "" : "<p class=\"welcome\">" + escape(welcomeMessage) + "</p>";
        String body = "<h1>" + escape(groupName) + "</h1>" + welcome
                + "<form id=\"join\" data-join=\"" + escape("/S/" + token + "/join") + "\" data-ticket=\""
                + escape(ticket) + "\">" + passcodeField
                + "<button type=\"submit\">" + ("approval".equals(joinPolicy) ? "Ask to join" : "Join group")
                + "</button></form>"
                + "<p id=\"result\" role=\"status\"></p>"
                + "<script>" + SCRIPT + "</script>";
        return ApiResponse.html(200, page(escape(groupName), body), POLICY);
    }

    /** {@code status} with the refusal's message, for a browser that scanned. */
    static ApiResponse refused(int status, RefusalException e) {
        return ApiResponse.html(status,
                page("Not available", "<h1>Not available</h1><p>" + escape(e.getMessage()) + "</p>"), REFUSAL_POLICY);
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>" + title + "</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
