package org.dirchain.federated;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one secure sum: the sum of the summed participants' vectors (never one
 * participant's vector), who is in it, and who dropped out and why.
 *
 * @param rows per-participant row counts sent in the clear (FIT: the training rows, which become the
 *     on-chain contribution weight anyway; under differential privacy each node's noisy released
 *     count, never the exact one); empty for the other stages
 */
public record StageResult(Stage stage, int round, double[] sum, List<String> summed, Map<String, Long> rows,
    List<ClientFailure> failures) {

  public StageResult {
    sum = sum.clone();
    summed = List.copyOf(summed);
    rows = Map.copyOf(rows);
    failures = List.copyOf(failures);
  }

  @Override
  public double[] sum() {
    return sum.clone();
  }

  /** Failures that are refusals (a node's checks said no) rather than drop-outs. */
  public List<ClientFailure> refusals() {
    return failures.stream().filter(ClientFailure::refused).toList();
  }
}
