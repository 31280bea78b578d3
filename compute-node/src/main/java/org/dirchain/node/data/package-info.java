/**
 * Local tables of a compute node: CSV files and JDBC tables, read one row at a time so that a
 * table of any size is never held in memory, plus the {@link org.dirchain.node.data.ContentCommitment}
 * a provider publishes on chain for the exact rows it holds.
 *
 * <p>Numbers are exact: INTEGER values are {@code long}, DECIMAL values {@link java.math.BigDecimal},
 * so a commitment or a fixed-point aggregate never depends on binary floating point.
 */
package org.dirchain.node.data;
