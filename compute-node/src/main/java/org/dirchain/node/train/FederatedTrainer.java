package org.dirchain.node.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic round loop: agree on a standardiser from the clients' summed moments, then per round
 * configure → fit on every client → aggregate (failures included) → evaluate, until the rounds run
 * out or the model stops moving.
 *
 * <p>Clients are called one after another; calls over the network will run concurrently, but the
 * order in which results reach the strategy stays the client order, so aggregation is deterministic.
 */
public final class FederatedTrainer {

  private static final Logger log = LoggerFactory.getLogger(FederatedTrainer.class);

  private final Strategy strategy;
  private final Consumer<RoundMetrics> progress;

  public FederatedTrainer(Strategy strategy, Consumer<RoundMetrics> progress) {
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  public FederatedTrainer(Strategy strategy) {
    this(strategy, m -> { });
  }

  /**
   * @throws InvalidTrainingSpecException if any client refuses the spec during setup (before any training)
   * @throws QuorumNotMetException if a round fails; its decision names the round and the dropped clients
   */
  public TrainingOutcome train(TrainingSpec spec, List<? extends Client> clients) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("federated training needs at least one client");
    }
    Standardiser standardiser = agreeOnStandardiser(spec, clients);
    Map<String, long[]> contributions = new LinkedHashMap<>(); // id -> {rows, rounds}
    clients.forEach(c -> contributions.put(c.id(), new long[2]));

    Model global = Model.zeros(spec.dimension());
    List<RoundMetrics> history = new ArrayList<>();
    boolean converged = false;
    for (int round = 1; round <= spec.rounds() && !converged; round++) {
      RoundConfig config = strategy.configureRound(round, global);
      List<ClientResult> results = new ArrayList<>();
      List<ClientFailure> failures = new ArrayList<>();
      for (Client c : clients) {
        try {
          results.add(new ClientResult(c.id(), c.fit(config, global)));
        } catch (RuntimeException e) {
          log.warn("round {}: client {} dropped during training: {}", round, c.id(), e.toString());
          failures.add(ClientFailure.of(c.id(), round, e));
        }
      }
      Model next = strategy.aggregate(round, results, failures);
      double change = next.distanceTo(global);
      global = next;
      for (ClientResult r : results) {
        long[] contribution = contributions.get(r.clientId());
        contribution[0] = r.update().rowsUsed();
        contribution[1]++;
      }
      List<ClientFailure> dropped = new ArrayList<>(failures); // the strategy saw only training failures
      Evaluation evaluation = evaluate(spec, clients, global, round, dropped);
      RoundMetrics metrics = new RoundMetrics(round, results.stream().map(ClientResult::clientId).toList(),
          dropped, trainLoss(results), evaluation, change);
      history.add(metrics);
      log.debug("round {}: {} participants, {} dropped, model change {}", round, results.size(), failures.size(), change);
      progress.accept(metrics);
      converged = change < spec.tolerance();
    }
    List<ClientContribution> contributed = new ArrayList<>();
    contributions.forEach((id, c) -> contributed.add(new ClientContribution(id, c[0], (int) c[1])));
    return new TrainingOutcome(global, standardiser, history, contributed, converged);
  }

  private static Standardiser agreeOnStandardiser(TrainingSpec spec, List<? extends Client> clients) {
    FeatureMoments total = FeatureMoments.empty(spec.dimension());
    for (Client c : clients) {
      total = total.plus(c.moments(spec));
    }
    Standardiser standardiser = Standardiser.from(total);
    for (Client c : clients) {
      c.prepare(spec, standardiser);
    }
    return standardiser;
  }

  /** Evaluation is best effort: a client that fails it is listed as dropped and left out of the sums. */
  private static Evaluation evaluate(TrainingSpec spec, List<? extends Client> clients, Model global, int round,
      List<ClientFailure> failures) {
    Evaluation total = Evaluation.empty(spec.kind());
    for (Client c : clients) {
      try {
        total = total.plus(c.evaluate(global));
      } catch (RuntimeException e) {
        log.warn("round {}: client {} dropped during evaluation: {}", round, c.id(), e.toString());
        failures.add(ClientFailure.of(c.id(), round, e));
      }
    }
    return total;
  }

  private static double trainLoss(List<ClientResult> results) {
    double weighted = 0;
    long rows = 0;
    for (ClientResult r : results) {
      if (r.update().rowsUsed() > 0) {
        weighted += r.update().trainingLoss() * r.update().rowsUsed();
        rows += r.update().rowsUsed();
      }
    }
    return rows == 0 ? Double.NaN : weighted / rows;
  }
}
