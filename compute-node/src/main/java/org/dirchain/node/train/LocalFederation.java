package org.dirchain.node.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.dirchain.federated.ClientFailure;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.Federation;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.RoundMetrics;
import org.dirchain.federated.Stage;
import org.dirchain.federated.StageRequest;
import org.dirchain.federated.StageResult;
import org.dirchain.federated.Standardiser;
import org.dirchain.federated.TrainingOutcome;

/**
 * A {@link Federation} of clients in this process, summed in plaintext: the reference the secure
 * federation over gRPC must agree with, and the centralised baseline (one client holding all rows).
 */
public final class LocalFederation implements Federation {

  private final TrainingSpec spec;
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private final Map<String, Standardiser> prepared = new HashMap<>();

  public LocalFederation(TrainingSpec spec, List<? extends Client> clients) {
    this.spec = Objects.requireNonNull(spec, "spec");
    clients.forEach(c -> this.clients.put(c.id(), c));
  }

  /** Trains with FedAvg over the clients, a round needing {@code minClients} of them. */
  public static TrainingOutcome train(TrainingSpec spec, int minClients, List<? extends Client> clients,
      Consumer<RoundMetrics> progress) {
    LocalFederation federation = new LocalFederation(spec, clients);
    return new FederatedTrainer(new FedAvg(spec.plan(minClients)), progress)
        .train(spec.plan(minClients), federation, List.copyOf(federation.clients.keySet()));
  }

  public static TrainingOutcome train(TrainingSpec spec, int minClients, List<? extends Client> clients) {
    return train(spec, minClients, clients, m -> { });
  }

  @Override
  public StageResult run(StageRequest request, List<String> participants) {
    double[] sum = null;
    List<String> summed = new ArrayList<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    List<ClientFailure> failures = new ArrayList<>();
    for (String id : participants) {
      Client client = clients.get(id);
      try {
        if (request.standardiser() != null && !request.standardiser().equals(prepared.get(id))) {
          client.prepare(spec, request.standardiser());
          prepared.put(id, request.standardiser());
        }
        StageAnswer answer = StageAnswer.of(client, spec, request);
        sum = sum == null ? answer.values() : add(sum, answer.values());
        summed.add(id);
        if (request.stage() == Stage.FIT) {
          rows.put(id, answer.rows());
        }
      } catch (RuntimeException e) {
        failures.add(ClientFailure.of(id, request.round(), e));
      }
    }
    if (sum == null) {
      sum = new double[request.stage().vectorLength(spec.kind(), spec.dimension())];
    }
    return new StageResult(request.stage(), request.round(), sum, summed, rows, failures);
  }

  private static double[] add(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }
}
