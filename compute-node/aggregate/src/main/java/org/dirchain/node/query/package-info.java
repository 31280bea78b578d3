/**
 * Filtered aggregates a node computes over one of its tables in a single streaming pass, returning
 * an additive {@link org.dirchain.node.query.PartialAggregate} that flattens to a vector of
 * fixed-point integers for additively homomorphic encryption.
 *
 * <p>A query ({@link org.dirchain.node.query.AggregateQuery}) has a canonical JSON form whose hash
 * the chain records, so a node can check that the spec it is sent is the one that was approved.
 */
package org.dirchain.node.query;
