package com.groupgate.scan;

import com.groupgate.error.RefusalException;

/**
 * The small mobile page a phone camera opens: the group's name and welcome message and a
 * join button (a passcode field for passcode groups). No external assets: one request,
 * readable on a slow connection.
 */
final class LandingPage {
    private LandingPage() {
    }

    static String accepted(String token, String groupName, String joinPolicy, String welcomeMessage, String ticket) {
        String passcodeField = "passcode".equals(joinPolicy)
                ? "<label>Passcode <input id=\"pc\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\"></label>"
                : "";
        String welcome = welcomeMessage == null ? "" : "<p class=\"welcome\">" + escape(welcomeMessage) + "</p>";
        return page(escape(groupName), "<h1>" + escape(groupName) + "</h1>" + welcome
                + "<form id=\"join\">" + passcodeField
                + "<button type=\"submit\">" + ("approval".equals(joinPolicy) ? "Ask to join" : "Join group") + "</button></form>"
                + "<p id=\"result\" role=\"status\"></p>"
                + "<script>document.getElementById('join').onsubmit=async function(e){e.preventDefault();"
                + "var pc=document.getElementById('pc');var body={joinTicket:" + jsString(ticket) + "};"
                + "if(pc){body.passcode=pc.value;}"
                + "var r=await fetch(" + jsString("/S/" + token + "/join") + ",{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)});"
                + "var j=await r.json();var out=document.getElementById('result');"
                + "out.textContent=j.status==='joined'?(j.welcomeMessage||'You joined the group.'):j.status==='pending'?'Request sent: the owner will approve it.':(j.error&&j.error.message)||'Something went wrong';};"
                + "</script>");
    }

    static String refused(RefusalException e) {
        return page("Not available", "<h1>Not available</h1><p>" + escape(e.getMessage()) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + title + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:0;padding:24px;max-width:480px;margin:auto;color:#222}"
                + "h1{font-size:1.4em}.welcome{white-space:pre-wrap}"
                + "button{width:100%;padding:14px;font-size:1.1em;border:0;border-radius:8px;background:#07c160;color:#fff}"
                + "input{display:block;width:100%;padding:10px;font-size:1.2em;margin:8px 0 16px;box-sizing:border-box}"
                + "</style></head><body>" + body + "</body></html>";
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

    /** A JavaScript string literal safe inside a script element. */
    private static String jsString(String s) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '/' || c == '-' || c == '_' || c == '.') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('\'').toString();
    }
}
