package org.dirchain.chain.index;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.dirchain.chain.model.Classification;

/**
 * Queryable state of the directory built from contract events: catalogue reads are served from
 * here, not from the chain. Written only by {@link DirectoryIndexer}; read by any thread.
 */
public final class DirectoryIndex {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, IndexedOrganisation> organisations = new TreeMap<>();
    private final Map<Long, IndexedAsset> assets = new TreeMap<>();
    private final Map<Long, IndexedGrant> grants = new TreeMap<>();
    private final Map<Long, IndexedJob> jobs = new TreeMap<>();
    private final Map<Long, Set<Long>> assetsByOwner = new HashMap<>();
    private final Map<String, Set<Long>> assetsByTag = new HashMap<>();
    private final Map<Classification, Set<Long>> assetsByClassification = new HashMap<>();
    private final Map<Long, Set<Long>> grantsByAsset = new HashMap<>();
    private final Map<Long, Set<Long>> grantsByGrantee = new HashMap<>();
    private final Map<Long, Set<Long>> jobsByAsset = new HashMap<>();
    private final Map<Long, Set<Long>> jobsByOrg = new HashMap<>();
    private long block = -1;

    // ---- queries -----------------------------------------------------------------------

    /** The last block whose events are included. */
    public long block() {
        return read(() -> block);
    }

    public Optional<IndexedOrganisation> organisation(long id) {
        return read(() -> Optional.ofNullable(organisations.get(id)));
    }

    public List<IndexedOrganisation> organisations() {
        return read(() -> List.copyOf(organisations.values()));
    }

    public Optional<IndexedAsset> asset(long id) {
        return read(() -> Optional.ofNullable(assets.get(id)));
    }

    public List<IndexedAsset> assets() {
        return read(() -> List.copyOf(assets.values()));
    }

    public List<IndexedAsset> assetsByOwner(long orgId) {
        return read(() -> select(assetsByOwner.get(orgId), assets::get));
    }

    public List<IndexedAsset> assetsByTag(String tag) {
        return read(() -> select(assetsByTag.get(tag), assets::get));
    }

    public List<IndexedAsset> assetsByClassification(Classification c) {
        return read(() -> select(assetsByClassification.get(c), assets::get));
    }

    public Optional<IndexedGrant> grant(long id) {
        return read(() -> Optional.ofNullable(grants.get(id)));
    }

    /** Every grant, by id. */
    public List<IndexedGrant> grants() {
        return read(() -> List.copyOf(grants.values()));
    }

    public List<IndexedGrant> grantsByAsset(long assetId) {
        return read(() -> select(grantsByAsset.get(assetId), grants::get));
    }

    public List<IndexedGrant> grantsByGrantee(long orgId) {
        return read(() -> select(grantsByGrantee.get(orgId), grants::get));
    }

    public Optional<IndexedJob> job(long id) {
        return read(() -> Optional.ofNullable(jobs.get(id)));
    }

    /** Every job, by id. */
    public List<IndexedJob> jobs() {
        return read(() -> List.copyOf(jobs.values()));
    }

    public List<IndexedJob> jobsByAsset(long assetId) {
        return read(() -> select(jobsByAsset.get(assetId), jobs::get));
    }

    /** Jobs an organisation took part in: as requester, asset provider or attesting node. */
    public List<IndexedJob> jobsByOrg(long orgId) {
        return read(() -> select(jobsByOrg.get(orgId), jobs::get));
    }

    public IndexSnapshot snapshot() {
        return read(() -> new IndexSnapshot(block, organisations, assets, grants, jobs));
    }

    // ---- writes (indexer only) ---------------------------------------------------------

    void putOrganisation(IndexedOrganisation o) {
        write(() -> organisations.put(o.id(), o));
    }

    void putAsset(IndexedAsset a) {
        write(() -> {
            assets.put(a.id(), a);
            link(assetsByOwner, a.ownerOrg(), a.id());
            link(assetsByClassification, a.classification(), a.id());
            a.tags().forEach(t -> link(assetsByTag, t, a.id()));
        });
    }

    void putGrant(IndexedGrant g) {
        write(() -> {
            grants.put(g.id(), g);
            link(grantsByAsset, g.assetId(), g.id());
            link(grantsByGrantee, g.granteeOrg(), g.id());
        });
    }

    void putJob(IndexedJob j) {
        write(() -> {
            jobs.put(j.id(), j);
            j.assetIds().forEach(a -> link(jobsByAsset, a, j.id()));
            j.participants().forEach(o -> link(jobsByOrg, o, j.id()));
        });
    }

    void advanceTo(long processedBlock) {
        write(() -> block = processedBlock);
    }

    IndexedOrganisation requireOrganisation(long id) {
        return require(organisations, id, "organisation");
    }

    IndexedAsset requireAsset(long id) {
        return require(assets, id, "asset");
    }

    IndexedGrant requireGrant(long id) {
        return require(grants, id, "grant");
    }

    IndexedJob requireJob(long id) {
        return require(jobs, id, "job");
    }

    private <T> T require(Map<Long, T> map, long id, String what) {
        T value = read(() -> map.get(id));
        if (value == null) {
            throw new IllegalStateException("event refers to unknown " + what + " " + id);
        }
        return value;
    }

    private static <K> void link(Map<K, Set<Long>> multimap, K key, long id) {
        multimap.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
    }

    private static <T> List<T> select(Collection<Long> ids, Function<Long, T> lookup) {
        return ids == null ? List.of() : ids.stream().map(lookup).toList();
    }

    private <T> T read(java.util.function.Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void write(Runnable update) {
        lock.writeLock().lock();
        try {
            update.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
