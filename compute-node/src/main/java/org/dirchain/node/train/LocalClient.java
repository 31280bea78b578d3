package org.dirchain.node.train;

import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FeatureMoments;
import org.dirchain.federated.Model;
import org.dirchain.federated.RoundConfig;
import org.dirchain.federated.Standardiser;
import java.util.Objects;
import java.util.Random;
import org.dirchain.node.privacy.DpTraining;
import org.dirchain.node.data.LocalTable;

/** A {@link Client} backed by a table in this process. */
public final class LocalClient implements Client {

  private final String id;
  private final LocalTable table;
  private final DpTraining dp;
  private final Random noise;
  private volatile LocalTrainer trainer;

  public LocalClient(String id, LocalTable table) {
    this(id, table, null, null);
  }

  /** A client that trains with differential privacy when {@code dp} is not null. */
  public LocalClient(String id, LocalTable table, DpTraining dp, Random noise) {
    this.id = Objects.requireNonNull(id, "id");
    this.table = Objects.requireNonNull(table, "table");
    this.dp = dp;
    this.noise = noise;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public FeatureMoments moments(TrainingSpec spec) {
    return LocalTrainer.moments(table, spec, dp, noise);
  }

  @Override
  public void prepare(TrainingSpec spec, Standardiser standardiser) {
    trainer = new LocalTrainer(table, spec, standardiser, dp, noise);
  }

  @Override
  public LocalUpdate fit(RoundConfig config, Model global) {
    return trainer().fit(config, global);
  }

  @Override
  public Evaluation evaluate(Model model) {
    return trainer().evaluate(model);
  }

  private LocalTrainer trainer() {
    LocalTrainer t = trainer;
    if (t == null) {
      throw new IllegalStateException("client " + id + " has not been prepared with a standardiser");
    }
    return t;
  }

  @Override
  public String toString() {
    return "LocalClient[" + id + ", table " + table.name() + "]";
  }
}
