package org.dirchain.node.train;

import org.dirchain.federated.ClientFailure;
import org.dirchain.federated.TrainingRefusedException;
import org.dirchain.federated.FeatureMoments;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.InvalidTrainingSpecException;
import org.dirchain.federated.Model;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.RoundConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.query.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad specs are refused with a message naming the problem, before any client trains. */
class TrainingSpecTest {

  @TempDir Path dir;

  static TrainingSpec spec(ModelKind kind, List<String> features, String label, List<Filter> filters, int rounds) {
    return new TrainingSpec(kind, features, label, filters, 0.01, rounds, 1, 0.5, TrainingSpec.FULL_BATCH, 1e-6, 0.2, 1);
  }

  /** Counts fit calls, to prove that a refused spec trained nothing anywhere. */
  static final class CountingClient extends ForwardingClient {
    final AtomicInteger fits = new AtomicInteger();

    CountingClient(String id, CsvTable table) {
      super(new LocalClient(id, table));
    }

    @Override
    public LocalUpdate fit(RoundConfig config, Model global) {
      fits.incrementAndGet();
      return super.fit(config, global);
    }
  }

  /** Returns the refusing node's reason, without the exception class. */
  private String refusedBeforeTraining(TrainingSpec spec, List<CsvTable> tables) {
    List<CountingClient> clients = tables.stream().map(t -> new CountingClient(t.name(), t)).toList();
    TrainingRefusedException e = assertThrows(TrainingRefusedException.class,
        () -> LocalFederation.train(spec, 1, clients));
    clients.forEach(c -> assertEquals(0, c.fits.get(), "client " + c.id() + " trained"));
    assertTrue(e.refusals().stream().allMatch(ClientFailure::refused));
    String reason = e.refusals().get(0).reason();
    String prefix = InvalidTrainingSpecException.class.getSimpleName() + ": ";
    assertTrue(reason.startsWith(prefix), reason);
    return reason.substring(prefix.length());
  }

  private List<CsvTable> logisticTables() {
    return SyntheticData.write(dir, SyntheticData.logistic(FederatedLogisticTest.BETA, 0, 300, 1), 100, 120, 80).nodes();
  }

  @Test
  void unknownFeatureColumnIsRefused() {
    String e = refusedBeforeTraining(
        spec(ModelKind.LOGISTIC, List.of("age", "weight"), "y", List.of(), 5), logisticTables());
    assertTrue(e.startsWith("feature column 'weight' is not in the table; available columns: age, bmi"), e);
  }

  @Test
  void textFeatureIsRefused() {
    String e = refusedBeforeTraining(
        spec(ModelKind.LOGISTIC, List.of("age", "site"), "y", List.of(), 5), logisticTables());
    assertEquals("feature column 'site' is TEXT; training needs a numeric column", e);
  }

  @Test
  void textLabelIsRefused() {
    String e = refusedBeforeTraining(
        spec(ModelKind.LINEAR, List.of("age"), "site", List.of(), 5), logisticTables());
    assertEquals("label column 'site' is TEXT; training needs a numeric column", e);
  }

  @Test
  void nonBinaryLabelForLogisticIsRefusedWithItsRowNumber() throws IOException {
    List<CsvTable> tables = logisticTables();
    Path bad = dir.resolve("third.csv");
    Files.writeString(bad, String.join(",", SyntheticData.SCHEMA.names()) + "\n"
        + "50,25,6,120,3,s,1\n"
        + "51,26,6,121,3,s,0\n"
        + "52,27,6,122,3,s,2\n");
    CsvTable third = CsvTable.withSchema(bad, SyntheticData.SCHEMA);
    String e = refusedBeforeTraining(
        spec(ModelKind.LOGISTIC, SyntheticData.FEATURES, "y", List.of(), 5), List.of(tables.get(0), third));
    assertEquals("LOGISTIC needs a 0/1 label, but row 3 of table 'third' has y = 2", e);
  }

  @Test
  void aRowFilteredOutDoesNotNeedABinaryLabel() throws IOException {
    Path file = dir.resolve("filtered.csv");
    Files.writeString(file, String.join(",", SyntheticData.SCHEMA.names()) + "\n"
        + "50,25,6,120,3,s,1\n"
        + "40,26,6,121,3,s,0\n"
        + "99,27,6,122,3,s,7\n");
    CsvTable table = CsvTable.withSchema(file, SyntheticData.SCHEMA);
    TrainingSpec spec = spec(ModelKind.LOGISTIC, List.of("age"), "y", List.of(Filter.lt("age", "90")), 1);
    FeatureMoments m = LocalTrainer.moments(table, spec);
    assertEquals(2, m.count());
    assertEquals(45, m.mean(0), 1e-12);
  }

  @Test
  void filterThatDoesNotFitTheTableIsRefused() {
    String e = refusedBeforeTraining(
        spec(ModelKind.LOGISTIC, List.of("age"), "y", List.of(Filter.gt("site", "3")), 5), logisticTables());
    assertEquals("filter GT on 'site' compares numbers, but the column is TEXT", e);
  }

  @Test
  void zeroRoundsIsRefusedWhenTheSpecIsBuilt() {
    InvalidTrainingSpecException e = assertThrows(InvalidTrainingSpecException.class,
        () -> spec(ModelKind.LOGISTIC, List.of("age"), "y", List.of(), 0));
    assertEquals("rounds must be >= 1, got 0", e.getMessage());
  }

  @Test
  void malformedSettingsAreRefused() {
    List<String> f = List.of("age");
    assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(null, f, "y", null, 0, 1, 1, 0.1, 0, 0, 0.2, 1));
    assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(ModelKind.LINEAR, List.of(), "y", null, 0, 1, 1, 0.1, 0, 0, 0.2, 1));
    assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(ModelKind.LINEAR, List.of("age", "age"), "y", null, 0, 1, 1, 0.1, 0, 0, 0.2, 1));
    assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(ModelKind.LINEAR, f, "age", null, 0, 1, 1, 0.1, 0, 0, 0.2, 1));
    assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(ModelKind.LINEAR, f, "y", null, -1, 1, 1, 0.1, 0, 0, 0.2, 1));
    assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(ModelKind.LINEAR, f, "y", null, 0, 1, 0, 0.1, 0, 0, 0.2, 1));
    assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(ModelKind.LINEAR, f, "y", null, 0, 1, 1, 0, 0, 0, 0.2, 1));
    assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(ModelKind.LINEAR, f, "y", null, 0, 1, 1, 0.1, -1, 0, 0.2, 1));
    assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(ModelKind.LINEAR, f, "y", null, 0, 1, 1, 0.1, 0, -1, 0.2, 1));
    InvalidTrainingSpecException e = assertThrows(InvalidTrainingSpecException.class,
        () -> new TrainingSpec(ModelKind.LINEAR, f, "y", null, 0, 1, 1, 0.1, 0, 0, 0.6, 1));
    assertEquals("hold-out fraction must be in [0, 0.5], got 0.6", e.getMessage());
  }
}
