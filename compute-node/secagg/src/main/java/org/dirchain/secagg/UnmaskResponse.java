package org.dirchain.secagg;

import java.util.Map;

/**
 * What one survivor reveals in the unmasking step, keyed by the owner of each secret: its shares of
 * the self-mask seeds of the survivors, and its shares of the mask keys of those that dropped after
 * sharing. Never both for the same owner.
 */
public record UnmaskResponse(Map<Integer, byte[]> selfMaskShares, Map<Integer, byte[]> maskKeyShares) {

  public UnmaskResponse {
    selfMaskShares = Map.copyOf(selfMaskShares);
    maskKeyShares = Map.copyOf(maskKeyShares);
  }
}
