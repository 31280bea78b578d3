package org.dirchain.coordinator.web;

import java.util.List;

/** Offset/limit paging over an in-memory, id-ordered result (the index is in memory). */
public final class Paging {
    public static final int MAX_LIMIT = 500;

    private Paging() {}

    public static <T> List<T> slice(List<T> all, int offset, int limit) {
        if (offset >= all.size()) {
            return List.of();
        }
        return List.copyOf(all.subList(offset, (int) Math.min(all.size(), (long) offset + limit)));
    }
}
