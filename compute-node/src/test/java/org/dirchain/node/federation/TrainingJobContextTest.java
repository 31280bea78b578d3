package org.dirchain.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dirchain.federated.Stage;
import org.dirchain.node.privacy.ReleaseJournal;
import org.dirchain.node.train.StageAnswer;
import org.junit.jupiter.api.Test;

/** A stage asked again gets the same answer; under differential privacy a round is never answered twice. */
class TrainingJobContextTest {
    private static final byte[] MODEL_A = {1};
    private static final byte[] MODEL_B = {2};

    private final AtomicInteger computed = new AtomicInteger();
    private final Supplier<StageAnswer> fresh = () -> new StageAnswer(new double[] {computed.incrementAndGet()}, 10);

    private static TrainingJobContext job() {
        return new TrainingJobContext(1, 2, null, 2, null, Set.of(), ReleaseJournal.inMemory(Clock.systemUTC()),
                Instant.now().plusSeconds(3600));
    }

    @Test
    void theSameRoundAndInputAskedAgainGetsTheSameAnswerWithoutComputingIt() {
        TrainingJobContext job = job();
        StageAnswer first = job.answer(Stage.FIT, 3, MODEL_A, true, fresh);
        assertSame(first, job.answer(Stage.FIT, 3, MODEL_A.clone(), true, fresh));
        assertEquals(1, computed.get());
        job.answer(Stage.FIT, 4, MODEL_B, true, fresh);
        assertEquals(2, computed.get(), "the next round is computed");
    }

    @Test
    void underDifferentialPrivacyARoundIsNotAnsweredForAnotherModelNorAnEarlierRoundAgain() {
        TrainingJobContext job = job();
        job.answer(Stage.FIT, 3, MODEL_A, true, fresh);
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> job.answer(Stage.FIT, 3, MODEL_B, true, fresh));
        assertTrue(other.getMessage().contains("round 3") && other.getMessage().contains("another model"), other.getMessage());
        assertThrows(IllegalStateException.class, () -> job.answer(Stage.FIT, 2, MODEL_B, true, fresh));
        assertEquals(1, computed.get(), "nothing computed for the refused requests");
        job.answer(Stage.MOMENTS, 0, MODEL_A, true, fresh);
        assertEquals(2, computed.get(), "stages are answered independently");
    }

    @Test
    void withoutNoiseAnotherInputIsSimplyComputed() {
        TrainingJobContext job = job();
        StageAnswer a = job.answer(Stage.FIT, 3, MODEL_A, false, fresh);
        StageAnswer b = job.answer(Stage.FIT, 3, MODEL_B, false, fresh);
        StageAnswer earlier = job.answer(Stage.FIT, 2, MODEL_A, false, fresh);
        assertEquals(3, computed.get());
        assertTrue(a != b && b != earlier);
    }

    @Test
    void aRestartedNodeRemembersTheNoisyRoundsItAnswered(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Instant until = Instant.now().plusSeconds(3600);
        StageAnswer first;
        try (ReleaseJournal journal = ReleaseJournal.open(dir, Clock.systemUTC())) {
            first = new TrainingJobContext(1, 2, null, 2, null, Set.of(), journal, until)
                    .answer(Stage.FIT, 3, MODEL_A, true, fresh);
        }
        try (ReleaseJournal journal = ReleaseJournal.open(dir, Clock.systemUTC())) {
            TrainingJobContext restarted = new TrainingJobContext(1, 2, null, 2, null, Set.of(), journal, until);
            StageAnswer again = restarted.answer(Stage.FIT, 3, MODEL_A, true, fresh);
            assertEquals(first.rows(), again.rows());
            org.junit.jupiter.api.Assertions.assertArrayEquals(first.values(), again.values());
            assertEquals(1, computed.get(), "not computed again after the restart");
            assertThrows(IllegalStateException.class, () -> restarted.answer(Stage.FIT, 3, MODEL_B, true, fresh));
        }
    }

    @Test
    void aRoundIsUnmaskedForOneSetOfSurvivorsOnly() {
        TrainingJobContext job = job();
        job.unmasking("FIT", 4, Set.of(1, 2, 3));
        job.unmasking("FIT", 4, Set.of(3, 2, 1)); // the same set again (a restarted coordinator): fine
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> job.unmasking("FIT", 4, Set.of(1, 2)));
        assertTrue(other.getMessage().contains("already unmasked"), other.getMessage());
        job.unmasking("FIT", 5, Set.of(1, 2)); // another round is another sum
        job.unmasking("EVALUATE", 4, Set.of(1, 2));
    }
}
