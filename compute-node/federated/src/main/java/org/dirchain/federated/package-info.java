/**
 * The federated-learning protocol shared by the nodes and the coordinator.
 *
 * <ol>
 *   <li>{@link org.dirchain.federated.TrainingPlan}: what the loop needs of a spec (model, rounds, tolerance,
 *       quorum, local settings).
 *   <li>Each {@link org.dirchain.federated.Stage} is one secure sum over the participants
 *       ({@link org.dirchain.federated.Federation}): MOMENTS gives the agreed
 *       {@link org.dirchain.federated.Standardiser}; per round, FIT sums row-weighted updates
 *       ({@link org.dirchain.federated.WeightedUpdate}) and EVALUATE sums hold-out counts
 *       ({@link org.dirchain.federated.Evaluation}). Vectors travel as {@link org.dirchain.federated.FixedPointVector}s.
 *   <li>{@link org.dirchain.federated.FederatedTrainer} is the generic loop; the
 *       {@link org.dirchain.federated.Strategy} ({@link org.dirchain.federated.FedAvg}) configures rounds and turns a
 *       round's sum, dropped clients included, into the next model or a {@link org.dirchain.federated.QuorumNotMet}.
 * </ol>
 */
package org.dirchain.federated;
