package com.groupgate.scan;

import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.ContentSecurityPolicy;
import com.groupgate.join.JoinPolicy;
import com.groupgate.image.EdgeImages;
import java.util.Map;

/**
 * The small mobile page a phone camera opens: the group's name and welcome message and a
 * join button (a passcode field for passcode groups); after an accepted join, the way in —
 * a button for a link entry, the group's QR picture large enough to long-press for an image
 * entry — and for a request, a pending state that follows the request's statusUrl until the
 * owner decides. No external assets beyond the revealed picture: one request, readable on a
 * slow connection, and it works in WeChat's in-app browser.
 *
 * <p>The page's script and style are constants, and its data (the join URL, the ticket, the
 * words in the scanner's language) travels in the form's {@code data-*} attributes,
 * HTML-escaped. So the Content-Security-Policy can allow exactly that script and that style
 * by their SHA-256, computed once when the class loads, and nothing else: a group name that
 * slipped past escaping still could not run. No inline event handlers, no {@code style}
 * attributes — both would need {@code 'unsafe-*'}. Images may come from the page itself and
 * from the one storage origin revealed pictures are presigned on.
 */
final class LandingPage {
    /**
     * Joins with the form's ticket and shows the answer — once joined, "you joined" in the
     * page's language: the welcome message is already on the page, above the form, and is not
     * said again. Refusals show the answer's message, which the scan function writes in the
     * page's language (the browser sends the same Accept-Language). A request's status is polled on the
     * page's own origin (the statusUrl's path), backing off from 5 s to a minute. The join's
     * POST carries {@code x-amz-content-sha256}, the SHA-256 of its exact body: behind the
     * edge, CloudFront signs the request to the scan function's URL with that hash, and Lambda
     * refuses a POST without it.
     */
    static final String SCRIPT = "(function(){"
            + "var lg=document.getElementById('logo');"
            + "if(lg){var gone=function(){lg.remove();};if(lg.complete&&!lg.naturalWidth){gone();}"
            + "else{lg.addEventListener('error',gone);}}"
            + "var form=document.getElementById('join');if(!form){return;}"
            + "var d=form.dataset;var out=document.getElementById('result');var box=document.getElementById('entry');"
            + "function say(t){out.textContent=t;}"
            + "function show(e){box.textContent='';if(!e){return;}"
            + "if(e.type==='link'&&/^https:\\/\\//.test(e.url)){var a=document.createElement('a');a.href=e.url;"
            + "a.className='go';a.rel='noreferrer';a.textContent=d.tOpen;box.appendChild(a);}"
            + "else if(e.type==='image'&&/^https?:\\/\\//.test(e.imageUrl)){var i=document.createElement('img');"
            + "i.src=e.imageUrl;i.alt=d.tPress;i.className='qr';box.appendChild(i);"
            + "var p=document.createElement('p');p.className='press';p.textContent=d.tPress;box.appendChild(p);}}"
            + "function poll(u,wait){setTimeout(async function(){try{"
            + "var r=await fetch(u,{headers:{accept:'application/json'}});var j=await r.json();"
            + "if(j.status==='pending'){poll(u,Math.min(wait*2,60000));}else{answer(j);}"
            + "}catch(x){poll(u,Math.min(wait*2,60000));}},wait);}"
            + "function answer(j){"
            + "if(j.status==='joined'){form.hidden=true;say(d.tJoined);show(j.entry);return;}"
            + "if(j.status==='approved'){form.hidden=true;say(j.entryExpired?d.tExpired:d.tApproved);show(j.entry);return;}"
            + "if(j.status==='rejected'){form.hidden=true;say(d.tRejected);return;}"
            + "if(j.status==='removed'){form.hidden=true;say(d.tRemoved);return;}"
            + "if(j.status==='pending'){form.hidden=true;say(d.tPending);"
            + "if(j.statusUrl){poll(new URL(j.statusUrl,location.href).pathname,5000);}return;}"
            + "say((j.error&&j.error.message)||d.tFailed);}"
            + "async function sha256(t){var b=new Uint8Array(await crypto.subtle.digest('SHA-256',"
            + "new TextEncoder().encode(t)));return Array.from(b,function(x){return x.toString(16).padStart(2,'0');})"
            + ".join('');}"
            + "form.addEventListener('submit',async function(e){e.preventDefault();"
            + "var pc=document.getElementById('pc');var body={joinTicket:d.ticket};if(pc){body.passcode=pc.value;}"
            + "try{var text=JSON.stringify(body);var r=await fetch(d.join,{method:'POST',headers:{"
            + "'content-type':'application/json','x-amz-content-sha256':await sha256(text)},body:text});"
            + "answer(await r.json());}catch(x){say(d.tNetwork);}"
            + "});})();";

    static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0;padding:24px;max-width:480px;"
            + "margin:auto;color:#222}"
            + "h1{font-size:1.4em}.welcome{white-space:pre-wrap}"
            + "button,.go{display:block;box-sizing:border-box;text-align:center;text-decoration:none;width:100%;"
            + "padding:14px;font-size:1.1em;border:0;border-radius:8px;background:#07c160;color:#fff}"
            + "input{display:block;width:100%;padding:10px;font-size:1.2em;margin:8px 0 16px;box-sizing:border-box}"
            + ".qr{display:block;width:100%;max-width:360px;margin:16px auto;image-rendering:pixelated}"
            + ".press{text-align:center;font-size:1.1em}"
            + ".logo{display:block;max-width:96px;max-height:96px;margin:0 auto 8px}";

    private static final String SCRIPT_HASH = ContentSecurityPolicy.hashOf(SCRIPT);
    private static final String STYLE_HASH = ContentSecurityPolicy.hashOf(STYLE);
    /** A refusal page: the same style, no script and no picture at all. */
    static final ContentSecurityPolicy REFUSAL_POLICY = ContentSecurityPolicy.of("'none'", STYLE_HASH);

    private final ContentSecurityPolicy policy;
    private final ContentSecurityPolicy statusPolicy;

    /** @param imageOrigin where revealed pictures are presigned (S3's host; the emulator's locally) */
    LandingPage(String imageOrigin) {
        String img = "'self' " + imageOrigin;
        this.policy = ContentSecurityPolicy.of(SCRIPT_HASH, STYLE_HASH, img);
        this.statusPolicy = ContentSecurityPolicy.of("'none'", STYLE_HASH, img);
    }

    /** 200: the group and its join form, posting {@code ticket} to the code's join route. */
    ApiResponse accepted(String token, ScanService.Landing landing, Messages t) {
        String passcodeField = landing.joinPolicy() == JoinPolicy.PASSCODE
                ? "<label>" + escape(t.text("landing.passcode")) + " <input id=\"pc\" inputmode=\"numeric\" "
                + "autocomplete=\"one-time-code\" maxlength=\"8\"></label>"
                : "";
        String welcome = landing.welcomeMessage() == null ? ""
                : "<p class=\"welcome\">" + escape(landing.welcomeMessage()) + "</p>";
        // The tenant's logo, from its alias on the edge (this page's own origin); the script
        // removes it when the tenant has none. No read on the scan path.
        String logo = "<img id=\"logo\" class=\"logo\" alt=\"\" src=\"/"
                + escape(EdgeImages.logoAliasKey(landing.tenantId())) + "\">";
        String body = logo + "<h1>" + escape(landing.groupName()) + "</h1>" + welcome
                + "<form id=\"join\"" + data(Map.of("join", "/S/" + token + "/join", "ticket", landing.joinTicket()))
                + texts(t) + ">" + passcodeField
                + "<button type=\"submit\">"
                + escape(t.text(landing.joinPolicy() == JoinPolicy.APPROVAL ? "landing.askToJoin" : "landing.join"))
                + "</button></form>"
                + "<p id=\"result\" role=\"status\"></p><div id=\"entry\"></div>"
                + "<script>" + SCRIPT + "</script>";
        return ApiResponse.html(200, page(t.lang(), escape(landing.groupName()), body), policy);
    }

    /**
     * 200: a request's status for a browser that opened its statusUrl, with the entry once
     * approved; no script (the page is the answer).
     */
    ApiResponse status(RequestStatusService.Status status, Map<String, Object> revealed, Messages t) {
        String said = t.text(switch (status.status()) {
            case "pending" -> "landing.pending";
            case "rejected" -> "landing.rejected";
            case "removed" -> "landing.removed";
            default -> status.entryExpired() ? "refusal.entry_expired" : "landing.approved";
        });
        StringBuilder body = new StringBuilder("<p id=\"result\" role=\"status\">").append(escape(said)).append("</p>");
        if (revealed != null && "link".equals(revealed.get("type"))) {
            body.append("<a class=\"go\" rel=\"noreferrer\" href=\"").append(escape((String) revealed.get("url")))
                    .append("\">").append(escape(t.text("landing.open"))).append("</a>");
        } else if (revealed != null && "image".equals(revealed.get("type"))) {
            String press = escape(t.text("landing.longPress"));
            body.append("<img class=\"qr\" alt=\"").append(press).append("\" src=\"")
                    .append(escape((String) revealed.get("imageUrl"))).append("\"><p class=\"press\">")
                    .append(press).append("</p>");
        }
        if (status.invite() != null) {
            body.append(invite(status.invite(), t));
        }
        return ApiResponse.html(200, page(t.lang(), escape(said), body.toString()), statusPolicy);
    }

    /**
     * An approved member's invite, as the join's JSON carries it: the invite URL written out
     * (to copy or to turn into a QR code) and as a link, the poster when there is one, and the
     * progress link — each a plain link, so the page's policy needs no new source.
     */
    private static String invite(Invitation invite, Messages t) {
        String url = escape(invite.inviteUrl());
        StringBuilder out = new StringBuilder("<section id=\"invite\"><p>").append(escape(t.text("landing.invite")))
                .append("</p><p><a class=\"invite\" rel=\"noreferrer\" href=\"").append(url).append("\">")
                .append(url).append("</a></p>");
        if (invite.posterUrl() != null) {
            out.append("<p><a class=\"poster\" rel=\"noreferrer\" href=\"").append(escape(invite.posterUrl()))
                    .append("\">").append(escape(t.text("landing.poster"))).append("</a></p>");
        }
        return out.append("<p><a class=\"progress\" rel=\"noreferrer\" href=\"").append(escape(invite.progressUrl()))
                .append("\">").append(escape(t.text("landing.progress"))).append("</a></p></section>").toString();
    }

    /** {@code status} with the refusal said in the scanner's language, for a browser that scanned. */
    static ApiResponse refused(int status, RefusalException e, Messages t) {
        String title = escape(t.text("refusal.title"));
        return ApiResponse.html(status,
                page(t.lang(), title, "<h1>" + title + "</h1><p id=\"reason\">" + escape(t.refusalPage(e)) + "</p>"),
                REFUSAL_POLICY);
    }

    /** The words the script says, by the {@code data-t-*} name it reads them from. */
    private static String texts(Messages t) {
        return data(Map.of("t-joined", t.text("landing.joined"), "t-pending", t.text("landing.pending"),
                "t-approved", t.text("landing.approved"), "t-rejected", t.text("landing.rejected"),
                "t-expired", t.text("refusal.entry_expired"), "t-open", t.text("landing.open"),
                "t-press", t.text("landing.longPress"), "t-network", t.text("landing.network"),
                "t-failed", t.text("landing.failed"), "t-removed", t.text("landing.removed")));
    }

    private static String data(Map<String, String> attributes) {
        StringBuilder out = new StringBuilder();
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(a ->
                out.append(" data-").append(a.getKey()).append("=\"").append(escape(a.getValue())).append('"'));
        return out.toString();
    }

    private static String page(String lang, String title, String body) {
        return "<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
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
