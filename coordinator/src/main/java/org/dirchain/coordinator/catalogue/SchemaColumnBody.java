package org.dirchain.coordinator.catalogue;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.dirchain.coordinator.web.FieldProblem;
import org.dirchain.node.data.Column;
import org.dirchain.node.data.ColumnType;
import org.dirchain.node.data.TableSchema;

/** One column of an asset's schema, in the order of the node's table. */
public record SchemaColumnBody(
        @NotBlank @Size(max = 128) String name,
        @Schema(description = "INTEGER, DECIMAL or TEXT") @NotNull ColumnType type) {

    /**
     * The schema the columns describe, checked against {@code schemaHash} when one is given (the
     * node prints both with {@code --commitments}); null with a problem added when malformed.
     */
    static TableSchema schema(List<SchemaColumnBody> columns, String schemaHash, List<FieldProblem> problems) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            SchemaColumnBody c = columns.get(i);
            if (c == null || c.name() == null || c.type() == null) {
                return null; // Bean Validation names it
            }
            if (!Column.isValidName(c.name())) {
                problems.add(new FieldProblem("schema[" + i + "].name", "not a valid column name"));
                return null;
            }
            out.add(new Column(c.name(), c.type()));
        }
        TableSchema schema;
        try {
            schema = new TableSchema(out);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("schema", e.getMessage()));
            return null;
        }
        if (schemaHash != null && !Arrays.equals(schema.schemaHash(), HexFormat.of().parseHex(schemaHash.substring(2)))) {
            problems.add(new FieldProblem("schemaHash", "is not the SHA-256 of the schema's canonical form '"
                    + schema.canonical() + "'"));
            return null;
        }
        return schema;
    }

    static List<SchemaColumnBody> of(TableSchema schema) {
        return schema.columns().stream().map(c -> new SchemaColumnBody(c.name(), c.type())).toList();
    }
}
