package com.groupgate.designs;

import com.groupgate.content.WordList;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.TenantId;
import com.groupgate.wordlist.CachedWordLists;
import com.groupgate.wordlist.WordListStore;
import com.groupgate.wordlist.WordListStore.Owner;
import java.time.Clock;
import java.util.List;

/**
 * A tenant's own frame text against the same word lists, compiled the same way
 * ({@link WordList}: its folding of confusables, accents, traditional characters and
 * separators), as the codes API's content filter checks names with: the operator's list and
 * the tenant's own, two automatons, the tenant's allowed words excusing only its own. Each
 * list is read and compiled once per version per container and its pointer read again at most
 * every {@link CachedWordLists#REFRESH}, by the same cache as the codes API's, so a list's
 * change reaches designs within a minute. A refusal names the field, never the word.
 */
final class FrameTextFilter {
    private final CachedWordLists<WordList> lists;

    FrameTextFilter(WordListStore store, Clock clock) {
        this.lists = new CachedWordLists<>(store, clock, words -> WordList.of(words.words(), words.allowed()),
                list -> list.blockedCount() + list.allowedCount());
        // Builds the folding table while the container initialises (SnapStart keeps it), not on a request.
        WordList.of(List.of("x"), List.of()).check("x");
    }

    /** Refuses (422 {@code content_blocked} naming {@code field}) a text that hits either list. */
    void check(TenantId tenantId, String field, String text) {
        if (lists.list(Owner.OPERATOR).check(text) || lists.list(Owner.tenant(tenantId)).check(text)) {
            throw new RefusalException(Refusal.CONTENT_BLOCKED,
                    field + ": contains a word that is not allowed here", field, -1);
        }
    }
}
