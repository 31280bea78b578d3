package org.dirchain.node.job;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import org.dirchain.chain.model.Hash32;
import org.dirchain.node.verify.Refusal;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.dirchain.node.api.v1.AssetDescription;
import org.dirchain.node.api.v1.Column;
import org.dirchain.node.api.v1.DescribeAssetsResponse;
import org.dirchain.node.data.ContentCommitment;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.data.DataSourceException;
import org.dirchain.node.data.LocalTable;

/**
 * The assets this node serves, by on-chain asset id. Content commitments of CSV files are cached
 * per (size, modification time) so an unchanged file is hashed once; any other source is hashed
 * again for every job, because only that proves it still matches what was published.
 */
public final class NodeCatalog {
    private record CachedCommitment(long size, long modified, ContentCommitment commitment) {}

    private final Map<Long, LocalTable> tables;
    private final Map<Long, CachedCommitment> cache = new ConcurrentHashMap<>();

    public NodeCatalog(Map<Long, LocalTable> tables) {
        this.tables = Map.copyOf(new TreeMap<>(tables));
    }

    public Optional<LocalTable> table(long assetId) {
        return Optional.ofNullable(tables.get(assetId));
    }

    public ContentCommitment commitment(long assetId) {
        LocalTable table = tables.get(assetId);
        if (!(table instanceof CsvTable csv)) {
            return table.commitment();
        }
        try {
            BasicFileAttributes a = Files.readAttributes(csv.file(), BasicFileAttributes.class);
            long modified = a.lastModifiedTime().toMillis();
            CachedCommitment c = cache.get(assetId);
            if (c == null || c.size() != a.size() || c.modified() != modified) {
                c = new CachedCommitment(a.size(), modified, csv.commitment());
                cache.put(assetId, c);
            }
            return c.commitment();
        } catch (IOException e) {
            throw new DataSourceException("cannot read " + csv.file(), e);
        }
    }

    /**
     * The local data's commitment, if it still equals the one published on chain.
     *
     * @throws Refusal (FAILED_PRECONDITION) if the data changed since it was published
     */
    public ContentCommitment requireMatchesChain(long assetId, Hash32 published) {
        ContentCommitment local = commitment(assetId);
        if (!local.toHash32().equals(published)) {
            throw Refusal.precondition("local data of asset " + assetId + " no longer matches its commitment on chain"
                    + " (local " + local.toHash32() + ", published " + published + "): republish it as a new version");
        }
        return local;
    }

    /** Schema, commitment and a row-count band per asset; never rows, never an exact count. */
    public DescribeAssetsResponse describe() {
        DescribeAssetsResponse.Builder out = DescribeAssetsResponse.newBuilder();
        tables.forEach((id, table) -> {
            ContentCommitment c = commitment(id);
            AssetDescription.Builder d = AssetDescription.newBuilder()
                    .setAssetId(id)
                    .setRowCountBand(band(c.rowCount()))
                    .setContentCommitment(ByteString.copyFrom(c.bytes()))
                    .setSchemaHash(ByteString.copyFrom(table.schema().schemaHash()));
            table.schema().columns().forEach(col -> d.addColumns(
                    Column.newBuilder().setName(col.name()).setType(col.type().name())));
            out.addAssets(d);
        });
        return out.build();
    }

    /** Decade bands: "0-99" for anything under 100, then "100-999", "1000-9999", … */
    static String band(long rows) {
        if (rows < 100) {
            return "0-99";
        }
        long lo = 100;
        while (lo * 10 <= rows) {
            lo *= 10;
        }
        return lo + "-" + (lo * 10 - 1);
    }
}
