package org.dirchain.federated;

import java.util.List;
import java.util.stream.Collectors;

/** A participant's own checks refused the job during setup; nothing was trained. */
public class TrainingRefusedException extends RuntimeException {

  private final List<ClientFailure> refusals;

  public TrainingRefusedException(List<ClientFailure> refusals) {
    super("refused during setup: " + refusals.stream().map(ClientFailure::toString).collect(Collectors.joining("; ")));
    this.refusals = List.copyOf(refusals);
  }

  public List<ClientFailure> refusals() {
    return refusals;
  }
}
