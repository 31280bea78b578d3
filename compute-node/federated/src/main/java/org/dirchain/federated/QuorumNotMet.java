package org.dirchain.federated;

import java.util.List;
import java.util.stream.Collectors;

/** The decision that a round failed: fewer clients succeeded than the strategy requires. */
public record QuorumNotMet(int round, int required, int succeeded, List<ClientFailure> failures) {

  public QuorumNotMet {
    failures = List.copyOf(failures);
  }

  /** E.g. {@code round 3: 2 of 3 clients succeeded, 3 required; dropped: node-b (IllegalStateException: disk gone)}. */
  public String describe() {
    return "round " + round + ": " + succeeded + " of " + (succeeded + failures.size()) + " clients succeeded, "
        + required + " required; dropped: "
        + (failures.isEmpty() ? "none" : failures.stream().map(ClientFailure::toString).collect(Collectors.joining(", ")));
  }
}
