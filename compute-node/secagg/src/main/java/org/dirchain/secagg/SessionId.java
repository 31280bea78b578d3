package org.dirchain.secagg;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One secure sum: a job's stage in a round, and the attempt number. Its canonical bytes go into every
 * key derivation and every share's authenticated data, so keys, masks and shares never carry over
 * from one session to another.
 */
public record SessionId(long jobId, String stage, int round, int attempt) {

  public SessionId {
    if (stage == null || stage.isEmpty() || stage.length() > 64) {
      throw new IllegalArgumentException("stage must be 1 to 64 characters");
    }
    if (round < 0 || attempt < 0) {
      throw new IllegalArgumentException("round and attempt must be >= 0");
    }
  }

  /**
   * The canonical encoding: jobId (8, big-endian) || stage length (2) || stage (UTF-8) || round (4) ||
   * attempt (4). Length-prefixed so no two sessions share an encoding.
   */
  public byte[] bytes() {
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(buffer);
      out.writeLong(jobId);
      byte[] s = stage.getBytes(StandardCharsets.UTF_8);
      out.writeShort(s.length);
      out.write(s);
      out.writeInt(round);
      out.writeInt(attempt);
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return jobId + "/" + stage + "/" + round + "/" + attempt;
  }
}
