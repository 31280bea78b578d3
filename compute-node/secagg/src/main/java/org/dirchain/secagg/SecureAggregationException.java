package org.dirchain.secagg;

/**
 * A secure-aggregation rule was broken. The message names the session, the participant (or the
 * server) and the rule; {@link #reason()} lets a caller react without parsing the message, e.g. map
 * {@link Reason#NOT_ENOUGH_RESPONSES} to "retry the stage" and {@link Reason#ALREADY_UNMASKED} to
 * "the server asked twice".
 */
public class SecureAggregationException extends RuntimeException {

  /** Which rule was broken. */
  public enum Reason {
    /** A step came out of order or twice (advertise → share keys → masked input → unmask). */
    WRONG_STEP,
    /** The unmasking was already answered for this session: a second answer could reveal both masks. */
    ALREADY_UNMASKED,
    /** The threshold is outside 2 ≤ t ≤ |U1|. */
    INVALID_THRESHOLD,
    /** A participant is not in a set it must be in (its own U1/U2/U3, or a sender the server does not know). */
    NOT_A_MEMBER,
    /** A set is not contained in the one before it (U2 ⊄ U1 or U3 ⊄ U2). */
    NOT_A_SUBSET,
    /** Fewer than t participants are left in a set (too many drop-outs). */
    BELOW_THRESHOLD,
    /** Fewer than t survivors answered the unmasking (or gave a share of some secret). */
    NOT_ENOUGH_RESPONSES,
    /** An advertisement is inconsistent (wrong index, not this participant's own keys). */
    BAD_ADVERTISEMENT,
    /** An encrypted share is missing, does not authenticate (tampered, other session) or is malformed. */
    BAD_SHARE,
    /** Masked inputs of different lengths. */
    LENGTH_MISMATCH
  }

  private final transient SessionId session;
  private final Integer participant;
  private final Reason reason;

  /**
   * @param participant the participant whose rule was broken or who detected it; null for the server
   */
  public SecureAggregationException(SessionId session, Integer participant, Reason reason, String detail) {
    this(session, participant, reason, detail, null);
  }

  public SecureAggregationException(SessionId session, Integer participant, Reason reason, String detail, Throwable cause) {
    super("secure sum " + session + ", " + (participant == null ? "server" : "participant " + participant)
        + ", " + reason + ": " + detail, cause);
    this.session = session;
    this.participant = participant;
    this.reason = reason;
  }

  public SessionId session() {
    return session;
  }

  /** The participant concerned, or null when the server refused. */
  public Integer participant() {
    return participant;
  }

  public Reason reason() {
    return reason;
  }
}
