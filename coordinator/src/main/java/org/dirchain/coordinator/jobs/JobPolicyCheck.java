package org.dirchain.coordinator.jobs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.index.IndexedGrant;
import org.dirchain.coordinator.catalogue.AssetSchemas;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.coordinator.web.FieldProblem;
import org.dirchain.coordinator.web.ProblemTypes;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.api.v1.TrainingSpec;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.job.AggregateSpecs;
import org.dirchain.node.policy.PolicyViolation;
import org.dirchain.node.policy.ReleaseRules;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.InvalidQueryException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A job's spec against the schema and release policy of every asset it uses, before anything goes
 * on chain: a job the nodes would refuse is a 400 naming the field, and no grant quota or epsilon
 * is spent. The nodes check the same rules again themselves (the same {@link ReleaseRules}); grants
 * the index does not know, or not the caller's, are left to the ledger, which refuses them.
 */
@Component
class JobPolicyCheck {
    private final DirectoryIndex index;

    JobPolicyCheck(DirectoryIndex index) {
        this.index = index;
    }

    void aggregate(long requesterOrg, List<Long> grants, AggregateSpec spec, long epsilonMilli) {
        AggregateQuery query;
        Map<String, BigDecimal[]> clamps;
        try {
            query = AggregateSpecs.toQuery(spec);
            clamps = AggregateSpecs.clamps(spec);
        } catch (InvalidQueryException e) {
            throw ApiProblemException.invalid("query", e.getMessage());
        }
        forEachAsset(requesterOrg, grants, rules -> rules.checkAggregate(query, clamps, epsilonMilli));
    }

    void training(long requesterOrg, List<Long> grants, TrainingSpec spec, long epsilonMilli) {
        Map<String, BigDecimal[]> bounds;
        List<org.dirchain.node.query.Filter> filters;
        try {
            bounds = AggregateSpecs.clamps(spec.getDpBoundsList());
            filters = spec.getFiltersList().stream().map(AggregateSpecs::filter).toList();
        } catch (InvalidQueryException e) {
            throw ApiProblemException.invalid("filters", e.getMessage());
        }
        forEachAsset(requesterOrg, grants, rules -> rules.checkTraining(spec.getFeaturesList(), spec.getLabel(),
                filters, bounds, epsilonMilli));
    }

    private void forEachAsset(long requesterOrg, List<Long> grants, Consumer<ReleaseRules> check) {
        for (long grantId : grants) {
            Optional<IndexedAsset> asset = index.grant(grantId).filter(g -> g.granteeOrg() == requesterOrg)
                    .map(IndexedGrant::assetId).flatMap(index::asset);
            if (asset.isEmpty() || asset.get().policy() == null) {
                continue;
            }
            Optional<TableSchema> schema = AssetSchemas.of(asset.get());
            if (schema.isEmpty()) {
                continue; // the node checks it against its own table
            }
            try {
                check.accept(new ReleaseRules(schema.get(), asset.get().policy(), asset.get().id()));
            } catch (PolicyViolation v) {
                throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.RELEASE_POLICY,
                        "Not permitted by the asset's release policy", "asset " + asset.get().id() + ": "
                                + v.field() + ": " + v.getMessage(),
                        Map.of("assetId", asset.get().id(), "grantId", grantId,
                                "errors", List.of(new FieldProblem(v.field(), v.getMessage()))));
            }
        }
    }
}
