package org.dirchain.federated;

/**
 * What the coordinator asks every participant for in one secure sum. Nodes keep no state between
 * stages: the agreed standardiser and the global model travel with each request.
 *
 * @param round 0 for {@link Stage#MOMENTS}, else the round number
 * @param config local-training settings ({@link Stage#FIT} only, else null)
 * @param standardiser null for {@link Stage#MOMENTS}
 * @param model null for {@link Stage#MOMENTS}
 */
public record StageRequest(Stage stage, int round, RoundConfig config, Standardiser standardiser, Model model) {

  public StageRequest {
    if (stage == null) {
      throw new IllegalArgumentException("stage is missing");
    }
    boolean setup = stage == Stage.MOMENTS;
    if (setup != (round == 0) || round < 0) {
      throw new IllegalArgumentException(stage + " cannot run in round " + round);
    }
    if (!setup && (standardiser == null || model == null)) {
      throw new IllegalArgumentException(stage + " needs the standardiser and the global model");
    }
    if ((stage == Stage.FIT) != (config != null)) {
      throw new IllegalArgumentException("a round config goes with FIT and only with FIT");
    }
  }

  public static StageRequest moments() {
    return new StageRequest(Stage.MOMENTS, 0, null, null, null);
  }

  public static StageRequest fit(RoundConfig config, Standardiser standardiser, Model global) {
    return new StageRequest(Stage.FIT, config.round(), config, standardiser, global);
  }

  public static StageRequest evaluate(int round, Standardiser standardiser, Model model) {
    return new StageRequest(Stage.EVALUATE, round, null, standardiser, model);
  }
}
