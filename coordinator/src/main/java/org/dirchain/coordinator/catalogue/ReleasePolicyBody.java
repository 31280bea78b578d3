package org.dirchain.coordinator.catalogue;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.coordinator.web.FieldProblem;
import org.dirchain.node.data.TableSchema;

/**
 * The owner's release policy as a provider writes it: columns by name, epsilon as a decimal. It is
 * stored on chain with the version (columns by position in the schema) and every node enforces it.
 */
@Schema(description = "what may leave the node: differential privacy, epsilon per job and per requester, the "
        + "minimum cell size, the most cells per query, identifiers and quasi-identifiers")
public record ReleasePolicyBody(
        @Schema(description = "every job must carry an epsilon in [minEpsilon, maxEpsilon]")
        @NotNull Boolean dpRequired,
        @Schema(description = "smallest epsilon of one job; > 0 when dpRequired; default 0")
        @DecimalMin("0") @DecimalMax("4000000") BigDecimal minEpsilon,
        @Schema(description = "largest epsilon of one job")
        @NotNull @DecimalMin("0.001") @DecimalMax("4000000") BigDecimal maxEpsilon,
        @Schema(description = "the total epsilon one requester organisation may spend on the asset, over all its grants")
        @NotNull @DecimalMin("0.001") @DecimalMax("9000000000000000") BigDecimal requesterEpsilonBudget,
        @Schema(description = "every released cell (each group, each histogram bucket, the cohort) counts at least this "
                + "many rows; under DP the noisy count is compared")
        @NotNull @Min(0) @Max(Integer.MAX_VALUE) Integer minCellSize,
        @Schema(description = "most groups, and groups x buckets of any histogram, in one query (at most 1000)")
        @NotNull @Min(1) @Max(ReleasePolicy.MAX_CELLS) Integer maxCells,
        @Schema(description = "whether queries may group by an unprotected INTEGER column; default false")
        Boolean integerGroups,
        @Schema(description = "whether range filters (LT, LE, GT, GE, BETWEEN) may use quasi-identifiers; default false")
        Boolean quasiIdentifierRanges,
        @Schema(description = "columns never grouped on, filtered by or measured (e.g. patient_id)")
        @Size(max = 128) List<@NotBlank String> identifiers,
        @Schema(description = "columns never grouped on nor filtered by EQ, NE or IN (e.g. birth date, postcode)")
        @Size(max = 128) List<@NotBlank String> quasiIdentifiers) {

    /** The on-chain policy for this schema; problems are added under {@code field}. */
    ReleasePolicy toPolicy(TableSchema schema, String field, List<FieldProblem> problems) {
        Set<Integer> ids = positions(schema, identifiers, field + ".identifiers", problems);
        Set<Integer> quasi = positions(schema, quasiIdentifiers, field + ".quasiIdentifiers", problems);
        Long min = milli(minEpsilon == null ? BigDecimal.ZERO : minEpsilon, field + ".minEpsilon", problems);
        Long max = milli(maxEpsilon, field + ".maxEpsilon", problems);
        Long budget = milli(requesterEpsilonBudget, field + ".requesterEpsilonBudget", problems);
        if (min == null || max == null || budget == null || ids == null || quasi == null) {
            return null;
        }
        try {
            return new ReleasePolicy(dpRequired, min, max, budget, minCellSize, maxCells,
                    Boolean.TRUE.equals(integerGroups), Boolean.TRUE.equals(quasiIdentifierRanges), ids, quasi);
        } catch (InvalidInputException e) {
            problems.add(new FieldProblem(field + "." + apiName(e.field()),
                    e.getMessage().substring(e.field().length() + 2)));
            return null;
        }
    }

    private static String apiName(String modelField) {
        return switch (modelField) {
            case "minEpsilonMilli" -> "minEpsilon";
            case "maxEpsilonMilli" -> "maxEpsilon";
            case "requesterEpsilonBudgetMilli" -> "requesterEpsilonBudget";
            case "identifierColumns" -> "identifiers";
            case "quasiIdentifierColumns" -> "quasiIdentifiers";
            default -> modelField;
        };
    }

    private static Set<Integer> positions(TableSchema schema, List<String> names, String field,
            List<FieldProblem> problems) {
        Set<Integer> out = new HashSet<>();
        List<String> given = names == null ? List.of() : names;
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            if (schema == null) {
                return null;
            }
            if (!schema.contains(name)) {
                problems.add(new FieldProblem(field + "[" + i + "]", "no column '" + name + "' in the schema"));
                return null;
            }
            int p = schema.indexOf(name);
            if (p > ReleasePolicy.MAX_PROTECTED_POSITION) {
                problems.add(new FieldProblem(field + "[" + i + "]", "protected columns must be among the first "
                        + (ReleasePolicy.MAX_PROTECTED_POSITION + 1) + " of the schema"));
                return null;
            }
            if (!out.add(p)) {
                problems.add(new FieldProblem(field + "[" + i + "]", "lists '" + name + "' twice"));
                return null;
            }
        }
        return out;
    }

    private static Long milli(BigDecimal epsilon, String field, List<FieldProblem> problems) {
        try {
            return epsilon.movePointRight(3).longValueExact();
        } catch (ArithmeticException e) {
            problems.add(new FieldProblem(field, "at most 3 decimals"));
            return null;
        }
    }

    /** The policy of an indexed asset, with column names read from its schema. */
    static ReleasePolicyBody of(ReleasePolicy p, TableSchema schema) {
        return new ReleasePolicyBody(p.dpRequired(), BigDecimal.valueOf(p.minEpsilonMilli(), 3),
                BigDecimal.valueOf(p.maxEpsilonMilli(), 3), BigDecimal.valueOf(p.requesterEpsilonBudgetMilli(), 3),
                p.minCellSize(), p.maxCells(), p.integerGroups(), p.quasiIdentifierRanges(),
                names(schema, p.identifierColumns()), names(schema, p.quasiIdentifierColumns()));
    }

    private static List<String> names(TableSchema schema, Set<Integer> positions) {
        List<String> out = new ArrayList<>();
        positions.stream().sorted().forEach(p -> out.add(schema != null && p < schema.size()
                ? schema.column(p).name() : "#" + p));
        return out;
    }
}
