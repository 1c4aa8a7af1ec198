package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.entry.Entry;
import com.groupgate.entry.ImageEntry;
import com.groupgate.entry.LinkEntry;
import com.groupgate.entry.QrPicture;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.group.GroupSettings;
import com.groupgate.group.GroupStatus;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.GroupId;
import com.groupgate.image.EntryImages;
import com.groupgate.join.JoinPolicy;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Changing a group: {@code PATCH /v1/groups/{groupId}} (name, capacity, welcome message,
 * join policy, verifyAbove, link entry, archive) and giving it a picture entry, {@code PUT
 * /v1/groups/{groupId}/entry-image} — the platform's own group QR, which must decode as one.
 */
public final class GroupEditRoutes {
    /** The largest entry picture taken: 2 MiB. */
    static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;
    private static final Set<String> PATCH_FIELDS = Set.of("name", "capacity", "welcomeMessage", "joinPolicy",
            "verifyAbove", "entry", "status");
    private static final Set<String> ENTRY_FIELDS = Set.of("type", "url", "expiresAt");

    private final Authenticator auth;
    private final GroupTable groups;
    private final EntryImages images;
    private final PasscodeSecrets passcodes;
    private final ContentFilter filter;
    private final Clock clock;

    private final Audit audit;

    public GroupEditRoutes(Authenticator auth, GroupTable groups, EntryImages images, PasscodeSecrets passcodes,
                    ContentFilter filter, Clock clock, Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.groups = groups;
        this.images = images;
        this.passcodes = passcodes;
        this.filter = filter;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("PATCH", "/v1/groups/{groupId}", this::patch)
                .on("PUT", "/v1/groups/{groupId}/entry-image", this::putImage);
    }

    private ApiResponse patch(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        Group group = find(tenant, request);
        JsonFields body = JsonFields.of(Json.body(request), PATCH_FIELDS);
        String name = body.string("name", GroupSettings.MAX_NAME_LENGTH);
        Integer capacity = body.integer("capacity", GroupSettings.MIN_CAPACITY, GroupSettings.MAX_CAPACITY);
        String welcome = body.string("welcomeMessage", GroupSettings.MAX_WELCOME_LENGTH);
        String policyText = body.string("joinPolicy", 20);
        Integer verifyAbove = body.integer("verifyAbove", 1, GroupSettings.MAX_CAPACITY);
        String statusText = body.string("status", 20);
        GroupStatus status = statusText == null ? null : GroupStatus.parse(statusText, "status");
        Entry entry = body.has("entry") ? linkEntry(body) : null;
        // The group as it would be, checked by the rules a new group obeys.
        GroupSettings changed = new GroupSettings(name != null ? name : group.name(),
                capacity != null ? capacity : group.capacity(),
                policyText != null ? JoinPolicy.parse(policyText, "joinPolicy") : group.joinPolicy(),
                group.category(),
                welcome != null ? welcome : group.welcomeMessage(), null,
                body.has("verifyAbove") ? verifyAbove : group.verifyAbove(), group.passcodeDigits());
        // Only what this edit writes is checked: a list change does not refuse edits of other fields.
        filter.checkName(tenant.tenantId(), "name", name == null ? null : changed.name());
        filter.check(tenant.tenantId(), "welcomeMessage", welcome == null ? null : changed.welcomeMessage());
        if (name != null || welcome != null) {
            // The field named is the one this edit wrote; the welcome message when it wrote both.
            filter.checkTogether(tenant.tenantId(), welcome != null ? "welcomeMessage" : "name", changed.name(),
                    changed.welcomeMessage());
        }
        filter.checkLink(tenant.tenantId(), "entry.url", entry instanceof LinkEntry link ? link.url() : null);
        // A group that becomes a passcode group gets its secret now, shown once in this answer.
        PasscodeSecrets.PasscodeSecret passcode = changed.joinPolicy() == JoinPolicy.PASSCODE
                && group.sealedPasscode() == null ? passcodes.next() : null;
        audit.change(status == GroupStatus.ARCHIVED ? "group.archive" : "group.update", "group/" + group.groupId(),
                Audit.changed(body, "name", "capacity", "welcomeMessage", "joinPolicy", "verifyAbove", "entry", "status"));
        GroupTable.Edited edited = groups.update(tenant.tenantId(), group.groupId(), new GroupTable.Change(
                name == null ? null : changed.name(), capacity, welcome == null ? null : changed.welcomeMessage(),
                policyText == null ? null : changed.joinPolicy(), body.has("verifyAbove"), verifyAbove,
                body.has("entry"), entry, status, passcode == null ? null : passcode.sealed()));
        if (edited == GroupTable.Edited.BELOW_MEMBERS) {
            throw new RefusalException(Refusal.CONFLICT, "capacity: the group already has more members", "capacity",
                    -1);
        }
        if (edited == GroupTable.Edited.NOT_FOUND) {
            throw RefusalException.notFound();
        }
        if (body.has("entry") && group.entry() instanceof ImageEntry old) {
            images.discard(old.imageKey());
        }
        Map<String, Object> view = Views.group(find(tenant, request), clock.instant());
        if (passcode != null) {
            view.put("passcodeSecret", passcode.text());
        }
        return ApiResponse.json(200, view);
    }

    /** A link entry, or null to remove the entry; pictures come through {@code entry-image}. */
    private LinkEntry linkEntry(JsonFields body) {
        JsonFields entry = body.object("entry", ENTRY_FIELDS);
        if (entry == null) {
            return null;
        }
        String type = entry.string("type", 10);
        if (!"link".equals(type)) {
            throw RefusalException.badField("entry.type", "must be link (a picture entry is uploaded with PUT"
                    + " /v1/groups/{groupId}/entry-image)");
        }
        return LinkEntry.of(entry.requiredString("url", LinkEntry.MAX_LENGTH), expiry(entry.string("expiresAt", 40),
                "entry.expiresAt"), "entry.url");
    }

    private ApiResponse putImage(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        Group group = find(tenant, request);
        String contentType = request.header("content-type") == null ? ""
                : request.header("content-type").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!contentType.equals("image/png") && !contentType.equals("image/jpeg")) {
            throw new RefusalException(Refusal.UNSUPPORTED_MEDIA_TYPE, "body: must be image/png or image/jpeg",
                    "body", -1);
        }
        byte[] bytes = request.bodyBytes();
        if (bytes.length > MAX_IMAGE_BYTES) {
            throw new RefusalException(Refusal.PAYLOAD_TOO_LARGE, "body: larger than 2 MiB", "body", -1);
        }
        if (bytes.length == 0 || !QrPicture.contentTypeOf(bytes).filter(contentType::equals).isPresent()) {
            throw new RefusalException(Refusal.UNSUPPORTED_MEDIA_TYPE, "body: the bytes are not a "
                    + ("image/png".equals(contentType) ? "PNG" : "JPEG") + " picture", "body", -1);
        }
        Instant expiresAt = expiry(request.queryParam("expiresAt"), "expiresAt");
        QrPicture.Reading reading = QrPicture.read(bytes);
        if (reading instanceof QrPicture.TooLarge tooLarge) {
            throw new RefusalException(Refusal.NOT_A_QR_CODE, "body: " + tooLarge.why(), "body", -1);
        }
        if (!(reading instanceof QrPicture.Decoded decoded)) {
            throw new RefusalException(Refusal.NOT_A_QR_CODE, "body: no QR code could be read in the picture",
                    "body", -1);
        }
        String key = images.put(tenant.tenantId(), group.groupId(), bytes, contentType);
        ImageEntry entry = ImageEntry.of(decoded.payload(), key, contentType, clock.instant(), expiresAt);
        GroupTable.Edited edited;
        try {
            audit.change("group.entry-image", "group/" + group.groupId(), contentType + ", " + bytes.length + " bytes");
            edited = groups.update(tenant.tenantId(), group.groupId(), GroupTable.Change.entry(entry));
        } catch (RuntimeException e) {
            images.discard(key);
            throw e;
        }
        if (edited != GroupTable.Edited.DONE) {
            images.discard(key);
            throw RefusalException.notFound();
        }
        if (group.entry() instanceof ImageEntry old) {
            images.discard(old.imageKey());
        }
        return ApiResponse.json(200, Views.group(find(tenant, request), clock.instant()));
    }

    private Group find(Tenant tenant, ApiRequest request) {
        return groups.find(tenant.tenantId(), Views.id(request.pathParam("groupId"), GroupId::parse))
                .orElseThrow(RefusalException::notFound);
    }

    /** An expiry in the future, or null when none is given. */
    private Instant expiry(String text, String field) {
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw RefusalException.badField(field, "must be an ISO-8601 instant, like 2026-12-31T00:00:00Z");
        }
        if (!at.isAfter(clock.instant())) {
            throw RefusalException.badField(field, "must be in the future");
        }
        return at;
    }
}
