/**
 * Federated training of linear and logistic models: rows stay on the node, only model parameters,
 * additive moments and additive evaluation counts leave it.
 *
 * <ol>
 *   <li>{@link org.dirchain.node.train.TrainingSpec}: what to train, validated before any row is read,
 *       then against each node's schema (and, while streaming, a LOGISTIC label's 0/1 values).
 *   <li>Setup: every {@link org.dirchain.node.train.Client} returns
 *       {@link org.dirchain.node.train.FeatureMoments}; their sum gives the agreed
 *       {@link org.dirchain.node.train.Standardiser}.
 *   <li>Rounds ({@link org.dirchain.node.train.FederatedTrainer}): the
 *       {@link org.dirchain.node.train.Strategy} configures the round, clients run
 *       {@link org.dirchain.node.train.LocalTrainer} epochs from the global model, the strategy
 *       aggregates the results ({@link org.dirchain.node.train.FedAvg}: row-weighted mean, quorum of
 *       successful clients; dropped clients are an input, not an error), clients evaluate the new
 *       model on their hold-out, and the summed {@link org.dirchain.node.train.Evaluation} goes into
 *       the round's {@link org.dirchain.node.train.RoundMetrics}.
 * </ol>
 *
 * <p>Not yet here: transport (gRPC messages), the coordinator's job loop, secure aggregation of the
 * updates and differential-privacy noise on them — in this package updates are plaintext in process.
 */
package org.dirchain.node.train;
