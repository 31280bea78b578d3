package org.dirchain.node.train;

import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FeatureMoments;
import org.dirchain.federated.Model;
import org.dirchain.federated.RoundConfig;
import org.dirchain.federated.Standardiser;
import java.util.Objects;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.privacy.TrainingNoise;

/** A {@link Client} backed by a table in this process. */
public final class LocalClient implements Client {

  private final String id;
  private final LocalTable table;
  private final TrainingNoise noise;
  private volatile LocalTrainer trainer;

  public LocalClient(String id, LocalTable table) {
    this(id, table, null);
  }

  /** A client that trains with differential privacy when {@code noise} (one job's, at this node) is not null. */
  public LocalClient(String id, LocalTable table, TrainingNoise noise) {
    this.id = Objects.requireNonNull(id, "id");
    this.table = Objects.requireNonNull(table, "table");
    this.noise = noise;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public FeatureMoments moments(TrainingSpec spec) {
    return LocalTrainer.moments(table, spec, noise);
  }

  @Override
  public void prepare(TrainingSpec spec, Standardiser standardiser) {
    trainer = new LocalTrainer(table, spec, standardiser, noise);
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
