package ai.glassbox.ledger.store;

import java.util.List;

/**
 * Some of a run's stored samples, by task and then line, and how many the selection holds in all.
 *
 * @param items the samples of this page
 * @param total the samples of the whole selection (every page)
 */
public record SamplePage(List<StoredSample> items, long total) {
    public SamplePage {
        items = List.copyOf(items);
        if (total < items.size()) throw new IllegalArgumentException("a page of " + items.size() + " samples out of " + total);
    }
}
