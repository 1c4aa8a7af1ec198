package com.groupgate.wordlist;

import com.groupgate.http.ErrorResponses;
import com.groupgate.id.TenantId;
import com.groupgate.telemetry.Log;
import com.groupgate.wordlist.WordListStore.Owner;
import com.groupgate.wordlist.WordListStore.Words;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The operator's word list and each tenant's own, compiled once per version per container
 * and remembered. At most every {@link #REFRESH} a list's pointer is read again (one
 * GetItem), and its words are fetched and compiled only when the version moved, so a
 * change reaches every container within a minute. When AWS is busy and a list is known,
 * the known one keeps being used (and the read is tried again on the next use) rather than
 * failing. Compiled tenant lists are kept up to {@link #MAX_CACHED_WORDS} words in all.
 *
 * <p>What a list compiles to ({@code L}) is the caller's: this adapter only reads and
 * remembers, so it needs none of the text folding the compiled list brings.
 */
public final class CachedWordLists<L> {
    /** How long a container trusts a list without reading its pointer: the bound on a change's delay. */
    public static final Duration REFRESH = Duration.ofSeconds(60);
    /** Compiled tenant lists kept per container, counted in words; past it, the others are dropped. */
    public static final int MAX_CACHED_WORDS = 300_000;

    private record Loaded<L>(String version, L list, Instant checkedAt) {
        Loaded<L> checked(Instant at) {
            return new Loaded<>(version, list, at);
        }
    }

    private final WordListStore store;
    private final Clock clock;
    private final Function<Words, L> compile;
    private final ToLongFunction<L> wordCount;
    private volatile Loaded<L> operator;
    private final Map<TenantId, Loaded<L>> tenants = new ConcurrentHashMap<>();

    /**
     * @param compile turns a list's words into what is checked against ({@link Words#NONE}
     *     when the owner has no list)
     * @param wordCount how many words a compiled list holds, for the cache's bound
     */
    public CachedWordLists(WordListStore store, Clock clock, Function<Words, L> compile, ToLongFunction<L> wordCount) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.compile = Objects.requireNonNull(compile, "compile");
        this.wordCount = Objects.requireNonNull(wordCount, "wordCount");
    }

    /** {@code owner}'s list as it is now (read again only when the known one is older than {@link #REFRESH}). */
    public L list(Owner owner) {
        Loaded<L> cached = owner.tenantId() == null ? operator : tenants.get(owner.tenantId());
        Loaded<L> fresh = refresh(owner, cached);
        if (fresh != cached) {
            keep(owner, fresh);
        }
        return fresh.list();
    }

    /** After this container changed a list: use it here at once. */
    public void installed(Owner owner, String version, L list) {
        keep(owner, new Loaded<>(version, list, clock.instant()));
    }

    private void keep(Owner owner, Loaded<L> loaded) {
        if (owner.tenantId() == null) {
            operator = loaded;
        } else {
            remember(owner.tenantId(), loaded);
        }
    }

    private Loaded<L> refresh(Owner owner, Loaded<L> cached) {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.checkedAt().plus(REFRESH))) {
            return cached;
        }
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                Optional<WordListStore.Version> current = store.current(owner);
                if (current.isEmpty()) {
                    return new Loaded<>(null, compile.apply(Words.NONE), now);
                }
                String version = current.get().version();
                if (cached != null && version.equals(cached.version())) {
                    return cached.checked(now);
                }
                Optional<Words> words = store.load(owner, version);
                if (words.isPresent()) {
                    return new Loaded<>(version, compile.apply(words.get()), now);
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

    private void remember(TenantId tenantId, Loaded<L> loaded) {
        tenants.put(tenantId, loaded);
        long words = tenants.values().stream().mapToLong(l -> wordCount.applyAsLong(l.list())).sum();
        if (words > MAX_CACHED_WORDS) {
            tenants.keySet().removeIf(id -> !id.equals(tenantId));
        }
    }
}
