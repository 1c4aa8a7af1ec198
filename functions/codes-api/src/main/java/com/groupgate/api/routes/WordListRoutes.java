package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.auditlog.AuditTrail;
import com.groupgate.content.WordList;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.tenant.Tenant;
import com.groupgate.wordlist.WordListStore.Owner;
import com.groupgate.wordlist.WordListStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Blocked-word lists: the operator's ({@code PUT /v1/admin/blocked-words}) and each
 * tenant's own ({@code PUT}/{@code GET /v1/blocked-words}), each {@code {"words":[…],
 * "allowed"?:[…]}} replacing the whole list. A list holds at most
 * {@value WordList#MAX_WORDS} blocked and as many allowed words, each at most
 * {@value WordList#MAX_WORD_LENGTH} characters with at least one letter or digit, in a
 * body of at most 4 MiB. The operator's list is never shown to anyone; a tenant may read
 * its own.
 */
public final class WordListRoutes {
    private final Audit audit;
    /** The largest word-list body: 100,000 short words fit; Lambda takes at most 6 MB per request. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Set<String> FIELDS = Set.of("words", "allowed");

    private final Authenticator auth;
    private final WordListStore store;
    private final ContentFilter filter;
    private final Clock clock;

    public WordListRoutes(Authenticator auth, WordListStore store, ContentFilter filter, Clock clock, Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.store = store;
        this.filter = filter;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("PUT", "/v1/admin/blocked-words", this::putOperator)
                .on("PUT", "/v1/blocked-words", this::putTenant)
                .on("GET", "/v1/blocked-words", this::getTenant);
    }

    private ApiResponse putOperator(ApiRequest request) {
        auth.admin(request);
        return replace(Owner.OPERATOR, request);
    }

    private ApiResponse putTenant(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        return replace(Owner.tenant(tenant.tenantId()), request);
    }

    private ApiResponse getTenant(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        Owner owner = Owner.tenant(tenant.tenantId());
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<WordListStore.Version> current = store.current(owner);
            if (current.isEmpty()) {
                return ApiResponse.json(200, view(WordListStore.Words.NONE, null));
            }
            Optional<WordListStore.Words> words = store.load(owner, current.get().version());
            if (words.isPresent()) {
                return ApiResponse.json(200, view(words.get(), current.get().updatedAt()));
            }
        }
        throw new IllegalStateException("word list changed twice while being read");
    }

    /**
     * Checks and compiles the list first (a bad word is a 400 naming it, nothing stored),
     * stores the new version, points the list at it, then deletes the version it replaced.
     */
    private ApiResponse replace(Owner owner, ApiRequest request) {
        JsonFields body = JsonFields.of(Json.body(request, MAX_BODY_BYTES), FIELDS);
        List<String> words = body.longStrings("words", WordList.MAX_WORD_LENGTH, WordList.MAX_WORDS);
        if (words == null) {
            throw RefusalException.badField("words", "is required (an empty list clears the list)");
        }
        List<String> allowed = body.longStrings("allowed", WordList.MAX_WORD_LENGTH, WordList.MAX_WORDS);
        WordListStore.Words list = new WordListStore.Words(words, allowed == null ? List.of() : allowed);
        WordList compiled = compile(list);
        Instant now = clock.instant();
        String version = store.store(owner, list);
        // The pointer's write carries the entry; the words themselves are never logged.
        String summary = list.words().size() + " words, " + list.allowed().size() + " allowed";
        if (owner.equals(Owner.OPERATOR)) {
            audit.changeIn(AuditTrail.OPERATOR_LOG, "blocked-words.operator.replace", "blocked-words/operator", summary);
        } else {
            audit.change("blocked-words.replace", "blocked-words", summary);
        }
        Optional<String> replaced;
        try {
            replaced = store.point(owner, version, list, now);
        } catch (RuntimeException e) {
            store.discard(owner, version);
            throw e;
        }
        replaced.filter(old -> !old.equals(version)).ifPresent(old -> store.discard(owner, old));
        filter.installed(owner, version, compiled);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("words", list.words().size());
        out.put("allowed", list.allowed().size());
        out.put("updatedAt", now.toString());
        return ApiResponse.json(200, out);
    }

    /** The list compiled, or a 400 naming the word that cannot be a word ({@code words[3]}, {@code allowed[0]}). */
    private static WordList compile(WordListStore.Words list) {
        try {
            return WordList.of(list.words(), list.allowed());
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int space = message.indexOf(' ');
            String field = space < 0 ? "words" : message.substring(0, space);
            field = field.startsWith("blocked") ? "words" + field.substring("blocked".length()) : field;
            throw RefusalException.badField(field, space < 0 ? message : message.substring(space + 1));
        }
    }

    private static Map<String, Object> view(WordListStore.Words words, Instant updatedAt) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("words", words.words());
        out.put("allowed", words.allowed());
        out.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        return out;
    }
}
