package com.groupgate.api.routes;

import com.groupgate.content.LinkText;
import com.groupgate.content.TextFolding;
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
 * Checks what tenants write (group names, welcome messages, channels, live code names,
 * link entries) against the operator's word list and the tenant's own. Each list is
 * compiled once per version into a {@link WordList} and remembered ({@link CachedWordLists}:
 * at most every {@link CachedWordLists#REFRESH} a container reads the list's pointer again
 * and fetches and compiles the words only when the version moved) — so a change reaches
 * every container within a minute, and the container that made it at once.
 *
 * <p>The two lists stay two automatons: a tenant's allowed words excuse only its own
 * blocked words, never the operator's, and each list may hold the full 100,000 words.
 * A refusal names the field, never the word.
 */
public final class ContentFilter {
    private final CachedWordLists<WordList> lists;

    public ContentFilter(WordListStore store, Clock clock) {
        this.lists = new CachedWordLists<>(store, clock, words -> WordList.of(words.words(), words.allowed()),
                list -> list.blockedCount() + list.allowedCount());
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
        lists.installed(owner, version, list);
    }

    private WordList operatorList() {
        return lists.list(Owner.OPERATOR);
    }

    private WordList tenantList(TenantId tenantId) {
        return lists.list(Owner.tenant(tenantId));
    }
}
