package org.dirchain.federated;

import java.util.List;

/**
 * The participants of a training job, as the round loop sees them: each stage is one secure sum over
 * them. In process it is a plain sum; across institutions it is secure aggregation over gRPC, where
 * the coordinator learns the sum and never one node's vector.
 */
public interface Federation {

  /**
   * Runs one stage on the participants. A participant that fails or refuses is reported in the
   * result's failures, never thrown: dropping out is an input to aggregation.
   */
  StageResult run(StageRequest request, List<String> participants);
}
