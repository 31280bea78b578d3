/**
 * A node's side of federated training: rows stay here, only stage vectors leave (moments, row-weighted
 * updates, evaluation counts), and over the network only masked ones.
 *
 * <ul>
 *   <li>{@link org.dirchain.node.train.TrainingSpec}: what to train, validated before any row is read, then
 *       against the node's table (and, while streaming, a LOGISTIC label's 0/1 values).
 *   <li>{@link org.dirchain.node.train.LocalTrainer}: moments, streaming local SGD and hold-out evaluation.
 *   <li>{@link org.dirchain.node.train.StageAnswer}: a client's vector for one stage of the protocol in
 *       {@code org.dirchain.federated}.
 *   <li>{@link org.dirchain.node.train.LocalFederation}: clients in one process summed in plaintext — the reference
 *       the secure federation must agree with, and the centralised baseline.
 * </ul>
 */
package org.dirchain.node.train;
