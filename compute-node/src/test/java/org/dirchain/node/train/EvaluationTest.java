package org.dirchain.node.train;

import org.dirchain.federated.Evaluation;
import org.dirchain.federated.ModelKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The additive evaluation counts and the metrics derived from them. */
class EvaluationTest {

  private static Evaluation logistic(long count, double loss, long correct, int[] positiveBuckets, int[] negativeBuckets) {
    long[] p = new long[Evaluation.AUC_BUCKETS];
    long[] n = new long[Evaluation.AUC_BUCKETS];
    for (int b : positiveBuckets) {
      p[b]++;
    }
    for (int b : negativeBuckets) {
      n[b]++;
    }
    return new Evaluation(ModelKind.LOGISTIC, count, loss, correct, p, n);
  }

  @Test
  void aucFromHistogramsOrdersBucketsAndHalvesTies() {
    // Positives in buckets 90 and 40, negatives in 10 and 40: pairs (90>10), (90>40), (40>10) right, (40=40) a tie.
    Evaluation e = logistic(4, 2.0, 3, new int[] {90, 40}, new int[] {10, 40});
    assertEquals(3.5 / 4, e.auc(), 1e-12);
    assertEquals(0.75, e.accuracy(), 1e-12);
    assertEquals(0.5, e.logLoss(), 1e-12);
  }

  @Test
  void summedNodeEvaluationsGiveThePooledMetrics() {
    Evaluation a = logistic(2, 1.0, 2, new int[] {90}, new int[] {10});
    Evaluation b = logistic(2, 3.0, 1, new int[] {40}, new int[] {40});
    Evaluation sum = a.plus(b);
    assertEquals(logistic(4, 4.0, 3, new int[] {90, 40}, new int[] {10, 40}), sum);
    assertEquals(3.5 / 4, sum.auc(), 1e-12, "global AUC is not the mean of the nodes' AUCs (1.0 and 0.5)");
  }

  @Test
  void bucketsCoverTheUnitInterval() {
    assertEquals(0, Evaluation.bucket(0));
    assertEquals(49, Evaluation.bucket(0.499));
    assertEquals(99, Evaluation.bucket(0.995));
    assertEquals(99, Evaluation.bucket(1.0));
  }

  @Test
  void metricsOfTheWrongKindOrWithoutBothClassesAreRefusedOrNaN() {
    Evaluation onlyPositives = logistic(1, 0.1, 1, new int[] {80}, new int[] {});
    assertTrue(Double.isNaN(onlyPositives.auc()));
    assertThrows(IllegalStateException.class, onlyPositives::rmse);
    Evaluation linear = new Evaluation(ModelKind.LINEAR, 4, 16.0, 0, new long[0], new long[0]);
    assertEquals(2.0, linear.rmse(), 1e-12);
    assertThrows(IllegalStateException.class, linear::auc);
    assertThrows(IllegalArgumentException.class, () -> linear.plus(onlyPositives));
  }
}
