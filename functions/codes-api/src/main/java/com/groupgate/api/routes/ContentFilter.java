package com.groupgate.api.routes;

import com.groupgate.content.LinkText;
import com.groupgate.content.TextFolding;
import com.groupgate.content.WordList;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ErrorResponses;
import com.groupgate.id.TenantId;
import com.groupgate.telemetry.Log;
import com.groupgate.wordlist.WordListStore.Owner;
import com.groupgate.wordlist.WordListStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks what tenants write (group names, welcome messages, channels, live code names,
 * link entries) against the operator's word list and the tenant's own. Each list is
 * compiled once per version into a {@link WordList} and remembered; at most every
 * {@link #REFRESH} a container reads the list's pointer again (one GetItem) and fetches
 * and compiles the words only when the version moved — so a change reaches every
 * container within a minute, and the container that made it at once.
 *
 * <p>The two lists stay two automatons: a tenant's allowed words excuse only its own
 * blocked words, never the operator's, and each list may hold the full 100,000 words.
 * A refusal names the field, never the word.
 */
public final class ContentFilter {
    /** How long a container trusts a list without reading its pointer: the bound on a change's delay. */
    static final Duration REFRESH = Duration.ofSeconds(60);
    /** Compiled tenant lists kept per container, counted in words; past it, the others are dropped. */
    static final int MAX_CACHED_WORDS = 300_000;

    private record Loaded(String version, WordList list, Instant checkedAt) {
        Loaded checked(Instant at) {
            return new Loaded(version, list, at);
        }
    }

    private final WordListStore store;
    private final Clock clock;
    private volatile Loaded operator;
    private final Map<TenantId, Loaded> tenants = new ConcurrentHashMap<>();

    public ContentFilter(WordListStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        // Builds the folding table (about 0.3 s of CPU: every BMP character's skeleton) and
        // loads the bidi and IDNA code while the container initialises, so SnapStart's
        // snapshot holds them and no request pays for them.
        WordList.of(List.of("x"), List.of()).check("\u202Ex");
        LinkText.readable("https://xn--9kr716k.example/%78");
    }

    /** Refuses (422 {@code content_blocked}, naming {@code field}) a text that hits either list; null passes. */
    void check(TenantId tenantId, String field, String text) {
        if (text != null && blocks(tenantId, text)) {
            throw new RefusalException(Refusal.CONTENT_BLOCKED,
                    field + ": contains a word that is not allowed here", field, -1);
        }
    }

    /**
     * Refuses a name holding a bidi control (400 naming {@code field}: such a name can
     * display as another word than it is written), then checks it as {@link #check} does.
     */
    void checkName(TenantId tenantId, String field, String name) {
        if (name != null && TextFolding.hasBidiControl(name)) {
            throw RefusalException.badField(field, "must not contain bidi controls (U+202A-U+202E, U+2066-U+2069, "
                    + "U+200E, U+200F, U+061C)");
        }
        check(tenantId, field, name);
    }

    /**
     * Refuses (422 naming {@code field}) a group whose name and welcome message, read one
     * right after the other as a member sees them, spell a listed word that neither holds
     * alone. Check each on its own first, so that a word inside one names that one.
     */
    void checkTogether(TenantId tenantId, String field, String name, String welcomeMessage) {
        if (name != null && welcomeMessage != null && blocks(tenantId, name + welcomeMessage)) {
            throw new RefusalException(Refusal.CONTENT_BLOCKED,
                    field + ": the group's name and welcome message read together contain a word that is not allowed here",
                    field, -1);
        }
    }

    /** Refuses (422 naming {@code field}) a link that hits either list as written or as it reads decoded. */
    void checkLink(TenantId tenantId, String field, String url) {
        if (url != null && (blocks(tenantId, url) || blocks(tenantId, LinkText.readable(url)))) {
            throw new RefusalException(Refusal.CONTENT_BLOCKED,
                    field + ": contains a word that is not allowed here", field, -1);
        }
    }

    /** Whether {@code text} hits the operator's list or the tenant's. */
    boolean blocks(TenantId tenantId, String text) {
        return operatorList().check(text) || tenantList(tenantId).check(text);
    }

    /** After this container changed a list: use it here at once. */
    void installed(Owner owner, String version, WordList list) {
        Loaded loaded = new Loaded(version, list, clock.instant());
        if (owner.tenantId() == null) {
            operator = loaded;
        } else {
            remember(owner.tenantId(), loaded);
        }
    }

    private WordList operatorList() {
        Loaded fresh = refresh(Owner.OPERATOR, operator);
        operator = fresh;
        return fresh.list();
    }

    private WordList tenantList(TenantId tenantId) {
        Loaded cached = tenants.get(tenantId);
        Loaded fresh = refresh(Owner.tenant(tenantId), cached);
        if (fresh != cached) {
            remember(tenantId, fresh);
        }
        return fresh.list();
    }

    /**
     * The list as it is now, read again only when {@code cached} is older than
     * {@link #REFRESH}. When AWS is busy and a list is known, the known one keeps being
     * used (and the read is tried again on the next request) rather than refusing writes.
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
                    return cached.checked(now);
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
