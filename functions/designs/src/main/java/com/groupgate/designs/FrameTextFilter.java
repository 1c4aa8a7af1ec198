package com.groupgate.designs;

import com.groupgate.content.WordList;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ErrorResponses;
import com.groupgate.id.TenantId;
import com.groupgate.telemetry.Log;
import com.groupgate.wordlist.WordListStore;
import com.groupgate.wordlist.WordListStore.Owner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's own frame text against the same word lists, compiled the same way
 * ({@link WordList}: its folding of confusables, accents, traditional characters and
 * separators), as the codes API's content filter checks names with: the operator's list and
 * the tenant's own, two automatons, the tenant's allowed words excusing only its own. Each
 * list is read and compiled once per version per container; at most every {@link #REFRESH}
 * its pointer is read again (one GetItem), as the codes API does, so a list's change reaches
 * designs within a minute. A refusal names the field, never the word.
 */
final class FrameTextFilter {
    /** How long a container trusts a list without reading its pointer: the codes API's bound too. */
    static final Duration REFRESH = Duration.ofSeconds(60);
    /** Compiled tenant lists kept per container, counted in words; past it, the others are dropped. */
    static final int MAX_CACHED_WORDS = 300_000;

    private record Loaded(String version, WordList list, Instant checkedAt) {
    }

    private final WordListStore store;
    private final Clock clock;
    private volatile Loaded operator;
    private final Map<TenantId, Loaded> tenants = new ConcurrentHashMap<>();

    FrameTextFilter(WordListStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        // Builds the folding table while the container initialises (SnapStart keeps it), not on a request.
        WordList.of(List.of("x"), List.of()).check("x");
    }

    /** Refuses (422 {@code content_blocked} naming {@code field}) a text that hits either list. */
    void check(TenantId tenantId, String field, String text) {
        if (list(Owner.OPERATOR).check(text) || list(Owner.tenant(tenantId)).check(text)) {
            throw new RefusalException(Refusal.CONTENT_BLOCKED,
                    field + ": contains a word that is not allowed here", field, -1);
        }
    }

    private WordList list(Owner owner) {
        Loaded cached = owner.tenantId() == null ? operator : tenants.get(owner.tenantId());
        Loaded fresh = refresh(owner, cached);
        if (fresh != cached) {
            if (owner.tenantId() == null) {
                operator = fresh;
            } else {
                remember(owner.tenantId(), fresh);
            }
        }
        return fresh.list();
    }

    /**
     * The list as it is now, read again only when {@code cached} is older than
     * {@link #REFRESH}; when AWS is busy and a list is known, the known one is used.
     */
    private Loaded refresh(Owner owner, Loaded cached) {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.checkedAt().plus(REFRESH))) {
            return cached;
        }
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                Optional<WordListStore.Version> current = store.current(owner);
                if (current.isEmpty()) {
                    return new Loaded(null, WordList.empty(), now);
                }
                String version = current.get().version();
                if (cached != null && version.equals(cached.version())) {
                    return new Loaded(version, cached.list(), now);
                }
                Optional<WordListStore.Words> words = store.load(owner, version);
                if (words.isPresent()) {
                    return new Loaded(version, WordList.of(words.get().words(), words.get().allowed()), now);
                }
                // Replaced between the pointer's read and the object's: read the pointer again.
            }
            throw new IllegalStateException("word list changed twice while being read");
        } catch (RuntimeException e) {
            if (cached == null || !ErrorResponses.busy(e)) {
                throw e;
            }
            Log.info("word_list_not_refreshed", Map.of("exception", e.getClass().getSimpleName()));
            return cached;
        }
    }

    private void remember(TenantId tenantId, Loaded loaded) {
        tenants.put(tenantId, loaded);
        long words = tenants.values().stream().mapToLong(l -> l.list().blockedCount() + l.list().allowedCount()).sum();
        if (words > MAX_CACHED_WORDS) {
            tenants.keySet().removeIf(id -> !id.equals(tenantId));
        }
    }
}
