package org.dirchain.chain;

import org.dirchain.chain.model.Grant;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.Hash32;

/** Access grants: request, k-of-n approval, denial, revocation. */
public interface GrantRegistry {
    long request(GrantRequest request);

    /** Records the signer's organisation's approval; returns true when the grant became usable. */
    boolean approve(long grantId);

    void deny(long grantId, Hash32 reasonHash);

    void revoke(long grantId, Hash32 reasonHash);

    Grant grant(long grantId);

    long count();
}
