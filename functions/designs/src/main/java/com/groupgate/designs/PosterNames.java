package com.groupgate.designs;

import com.groupgate.campaign.DisplayName;
import com.groupgate.content.WordList;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.TenantId;
import com.groupgate.wordlist.WordListStore;
import com.groupgate.wordlist.WordListStore.Owner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a member's display name against the operator's word list and the tenant's, as the
 * codes API checks names, before it is drawn on a poster: the join only checks its form
 * (the scan path carries neither the lists nor ICU). A list is compiled once per version
 * and its pointer read again at most every {@link #REFRESH}; a poster is drawn once per
 * member, so this runs once per new poster, not per view.
 */
final class PosterNames {
    static final Duration REFRESH = Duration.ofSeconds(60);
    /** Tenants' compiled lists kept per container; past it, the others are dropped. */
    private static final int MAX_TENANTS = 100;

    private record Loaded(String version, WordList list, Instant checkedAt) {
    }

    private final WordListStore store;
    private final Clock clock;
    private final Map<Owner, Loaded> lists = new ConcurrentHashMap<>();

    PosterNames(WordListStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Refuses (422 {@code content_blocked} naming {@code displayName}) a name either list blocks; null passes. */
    void check(TenantId tenantId, String name) {
        if (name != null && (list(Owner.OPERATOR).check(name) || list(Owner.tenant(tenantId)).check(name))) {
            throw new RefusalException(Refusal.CONTENT_BLOCKED, DisplayName.FIELD
                    + ": the member's display name contains a word that is not allowed here", DisplayName.FIELD, -1);
        }
    }

    private WordList list(Owner owner) {
        Instant now = clock.instant();
        Loaded cached = lists.get(owner);
        if (cached != null && now.isBefore(cached.checkedAt().plus(REFRESH))) {
            return cached.list();
        }
        Optional<WordListStore.Version> current = store.current(owner);
        Loaded fresh;
        if (current.isEmpty()) {
            fresh = new Loaded(null, WordList.empty(), now);
        } else if (cached != null && current.get().version().equals(cached.version())) {
            fresh = new Loaded(cached.version(), cached.list(), now);
        } else {
            WordListStore.Words words = store.load(owner, current.get().version()).orElse(WordListStore.Words.NONE);
            fresh = new Loaded(current.get().version(), WordList.of(words.words(), words.allowed()), now);
        }
        if (lists.size() > MAX_TENANTS) {
            lists.clear();
        }
        lists.put(owner, fresh);
        return fresh.list();
    }
}
