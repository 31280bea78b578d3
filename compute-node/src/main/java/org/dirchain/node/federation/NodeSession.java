package org.dirchain.node.federation;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.dirchain.node.api.v1.SecureSumSession;
import org.dirchain.node.train.StageAnswer;
import org.dirchain.secagg.KeyAdvertisement;
import org.dirchain.secagg.SecAggParticipant;
import org.dirchain.secagg.SessionId;
import org.dirchain.secagg.UnmaskResponse;

/** One secure-sum session at this node: its stage answer and its protocol participant. */
final class NodeSession {
    private final SessionId id;
    private final TrainingJobContext job;
    private final StageAnswer answer;
    private final SecAggParticipant participant;
    private final KeyAdvertisement own;

    NodeSession(SecureSumSession session, int org, TrainingJobContext job, StageAnswer answer, SecureRandom random) {
        this.id = sessionId(session);
        this.job = job;
        this.answer = answer;
        this.participant = new SecAggParticipant(id, org, random);
        this.own = participant.advertise();
    }

    static SessionId sessionId(SecureSumSession s) {
        return new SessionId(s.getJobId(), s.getStage().name(), s.getRound(), s.getAttempt());
    }

    static String describe(SecureSumSession s) {
        return s.getJobId() + "/" + s.getStage() + "/" + s.getRound() + "/" + s.getAttempt();
    }

    SessionId id() {
        return id;
    }

    TrainingJobContext job() {
        return job;
    }

    StageAnswer answer() {
        return answer;
    }

    byte[] encryptionKey() {
        return own.encryptionPublicKey();
    }

    byte[] maskKey() {
        return own.maskPublicKey();
    }

    boolean isOwnAdvertisement(byte[] encryptionKey, byte[] maskKey) {
        return Arrays.equals(encryptionKey, own.encryptionPublicKey()) && Arrays.equals(maskKey, own.maskPublicKey());
    }

    synchronized Map<Integer, byte[]> shareKeys(Map<Integer, org.dirchain.node.api.v1.KeyAdvertisement> wire,
            int threshold) {
        Map<Integer, KeyAdvertisement> u1 = new java.util.HashMap<>();
        wire.forEach((org, a) -> u1.put(org, new KeyAdvertisement(org, a.getEncryptionPublicKey().toByteArray(),
                a.getMaskPublicKey().toByteArray())));
        return participant.shareKeys(u1, threshold);
    }

    synchronized long[] maskedInput(Set<Integer> sharing, Map<Integer, byte[]> sharesForMe, long[] input) {
        return participant.maskedInput(sharing, sharesForMe, input);
    }

    synchronized UnmaskResponse unmask(Set<Integer> survivors) {
        return participant.unmask(survivors);
    }
}
