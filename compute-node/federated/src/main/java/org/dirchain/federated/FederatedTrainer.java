package org.dirchain.federated;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic round loop: agree on a standardiser from the participants' summed moments, then per
 * round configure → FIT (secure sum) → aggregate (failures included) → EVALUATE (secure sum), until
 * the rounds run out or the model stops moving. It never sees one participant's vector, only sums.
 */
public final class FederatedTrainer {

  private static final Logger log = LoggerFactory.getLogger(FederatedTrainer.class);

  private final Strategy strategy;
  private final TrainingProgress progress;

  public FederatedTrainer(Strategy strategy, TrainingProgress progress) {
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  public FederatedTrainer(Strategy strategy, Consumer<RoundMetrics> progress) {
    this(strategy, (metrics, checkpoint) -> progress.accept(metrics));
  }

  public FederatedTrainer(Strategy strategy) {
    this(strategy, (metrics, checkpoint) -> { });
  }

  /**
   * @throws TrainingRefusedException if a participant refuses the job during setup (before any training)
   * @throws QuorumNotMetException if setup or a round fails; its decision names the round and the dropped clients
   */
  public TrainingOutcome train(TrainingPlan plan, Federation federation, List<String> participants) {
    if (participants.isEmpty()) {
      throw new IllegalArgumentException("federated training needs at least one participant");
    }
    StageResult setup = federation.run(StageRequest.moments(), participants);
    if (!setup.refusals().isEmpty()) {
      throw new TrainingRefusedException(setup.refusals());
    }
    if (setup.summed().size() < plan.minClients()) {
      throw new QuorumNotMetException(new QuorumNotMet(0, plan.minClients(), setup.summed().size(), setup.failures()));
    }
    Standardiser standardiser = Standardiser.from(FeatureMoments.fromVector(setup.sum(), plan.dimension()));
    // A node that missed setup never agreed on the scaling: it sits out the job.
    TrainingCheckpoint agreed = new TrainingCheckpoint(0, standardiser, Model.zeros(plan.dimension()), setup.summed(),
        List.of(), false);
    progress.setupDone(agreed);
    return resume(plan, federation, agreed);
  }

  /**
   * Continues a job from a checkpoint (its own {@link TrainingProgress} told it, possibly in another
   * process): the rounds after {@code from.round()}, with the same participants and scaling.
   *
   * @throws QuorumNotMetException if a round fails
   */
  public TrainingOutcome resume(TrainingPlan plan, Federation federation, TrainingCheckpoint from) {
    if (from.model().dimension() != plan.dimension() || from.standardiser().dimension() != plan.dimension()) {
      throw new IllegalArgumentException("checkpoint of dimension " + from.model().dimension() + " for a plan of "
          + plan.dimension() + " features");
    }
    Standardiser standardiser = from.standardiser();
    List<String> active = from.active();
    Map<String, long[]> contributions = new LinkedHashMap<>(); // id -> {rows, rounds}
    active.forEach(id -> contributions.put(id, new long[2]));

    Model global = from.model();
    List<RoundMetrics> history = new ArrayList<>();
    boolean converged = from.converged();
    List<String> lastParticipants = from.lastParticipants();
    int round = from.round();
    while (round < plan.rounds() && !converged) {
      round++;
      RoundConfig config = strategy.configureRound(round, global);
      StageResult fit = federation.run(StageRequest.fit(config, standardiser, global), active);
      Model next = strategy.aggregate(round, fit);
      double change = next.distanceTo(global);
      global = next;
      for (String id : fit.summed()) {
        long[] c = contributions.get(id);
        c[0] = fit.rows().getOrDefault(id, 0L);
        c[1]++;
      }
      List<ClientFailure> dropped = new ArrayList<>(fit.failures());
      Evaluation evaluation = Evaluation.empty(plan.kind());
      if (plan.evaluate()) {
        StageResult evaluated = federation.run(StageRequest.evaluate(round, standardiser, global), active);
        dropped.addAll(evaluated.failures()); // evaluation is best effort: a node failing it is left out of the sums
        evaluation = Evaluation.fromVector(plan.kind(), evaluated.sum());
      }
      RoundMetrics metrics = new RoundMetrics(round, fit.summed(), dropped,
          WeightedUpdate.fromVector(fit.sum(), plan.dimension()).meanLoss(), evaluation, change);
      history.add(metrics);
      if (!dropped.isEmpty()) {
        log.warn("round {}: dropped {}", round, dropped.stream().map(ClientFailure::toString).collect(Collectors.joining(", ")));
      }
      log.debug("round {}: {} participants, model change {}", round, fit.summed().size(), change);
      converged = change < plan.tolerance();
      lastParticipants = fit.summed();
      progress.roundDone(metrics, new TrainingCheckpoint(round, standardiser, global, active, lastParticipants, converged));
    }
    List<ClientContribution> contributed = new ArrayList<>();
    contributions.forEach((id, c) -> contributed.add(new ClientContribution(id, c[0], (int) c[1])));
    return new TrainingOutcome(global, standardiser, history, contributed, converged, round, lastParticipants);
  }
}
