package org.dirchain.node.job;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.dirchain.node.data.ColumnType;
import org.dirchain.node.data.ContentCommitment;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.data.RowCursor;
import org.dirchain.node.data.TableSchema;

/**
 * A view of a table whose numeric columns are clamped into [lower, upper]: bounding every row's
 * contribution is what gives a sum a finite sensitivity, and so what makes DP noise meaningful.
 */
final class ClampedTable implements LocalTable {
    private final LocalTable table;
    private final BigDecimal[] lower;
    private final BigDecimal[] upper;

    ClampedTable(LocalTable table, Map<String, BigDecimal[]> clamps) {
        this.table = table;
        TableSchema schema = table.schema();
        int n = schema.columns().size();
        this.lower = new BigDecimal[n];
        this.upper = new BigDecimal[n];
        clamps.forEach((column, bounds) -> {
            int i = schema.indexOf(column);
            if (schema.column(i).type() == ColumnType.TEXT) {
                throw new org.dirchain.node.query.InvalidQueryException("cannot clamp TEXT column '" + column + "'");
            }
            lower[i] = bounds[0];
            upper[i] = bounds[1];
        });
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public TableSchema schema() {
        return table.schema();
    }

    @Override
    public ContentCommitment commitment() {
        return table.commitment();
    }

    @Override
    public long rowCount() {
        return table.rowCount();
    }

    @Override
    public RowCursor open() {
        RowCursor in = table.open();
        return new RowCursor() {
            @Override
            public TableSchema schema() {
                return in.schema();
            }

            @Override
            public boolean next() {
                return in.next();
            }

            @Override
            public boolean isNull(int column) {
                return in.isNull(column);
            }

            @Override
            public long integer(int column) {
                long v = in.integer(column);
                if (lower[column] == null) {
                    return v;
                }
                long lo = lower[column].setScale(0, RoundingMode.CEILING).longValueExact();
                long hi = upper[column].setScale(0, RoundingMode.FLOOR).longValueExact();
                return Math.max(lo, Math.min(hi, v));
            }

            @Override
            public BigDecimal decimal(int column) {
                BigDecimal v = in.decimal(column);
                return lower[column] == null ? v : v.max(lower[column]).min(upper[column]);
            }

            @Override
            public String text(int column) {
                return in.text(column);
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }
}
