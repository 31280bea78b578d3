package org.dirchain.coordinator.catalogue;

import java.util.Locale;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.model.Classification;

/**
 * Catalogue search criteria; every given criterion must match.
 *
 * @param text case-insensitive substring of the title
 */
record AssetSearch(Long owner, String tag, Classification classification, String text, boolean includeRetired) {

    boolean matches(IndexedAsset a) {
        return (owner == null || a.ownerOrg() == owner)
                && (tag == null || a.tags().contains(tag))
                && (classification == null || a.classification() == classification)
                && (text == null || a.title().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)))
                && (includeRetired || !a.retired());
    }
}
