package org.dirchain.node.train;

import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FeatureMoments;
import org.dirchain.federated.Model;
import org.dirchain.federated.RoundConfig;
import org.dirchain.federated.Standardiser;
/** A client that forwards every call; tests override the one they need to observe or break. */
abstract class ForwardingClient implements Client {
  final Client delegate;

  ForwardingClient(Client delegate) {
    this.delegate = delegate;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public FeatureMoments moments(TrainingSpec spec) {
    return delegate.moments(spec);
  }

  @Override
  public void prepare(TrainingSpec spec, Standardiser standardiser) {
    delegate.prepare(spec, standardiser);
  }

  @Override
  public LocalUpdate fit(RoundConfig config, Model global) {
    return delegate.fit(config, global);
  }

  @Override
  public Evaluation evaluate(Model model) {
    return delegate.evaluate(model);
  }
}
