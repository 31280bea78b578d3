package org.dirchain.node.data;

/** A table held by this node. Implementations are immutable; every {@link #open()} is a new pass. */
public interface LocalTable {

  String name();

  TableSchema schema();

  /** A new cursor over all rows; the caller closes it. */
  RowCursor open();

  /** The content commitment of the current rows, computed in one streaming pass. */
  ContentCommitment commitment();

  long rowCount();
}
