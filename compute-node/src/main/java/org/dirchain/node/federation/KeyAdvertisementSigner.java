package org.dirchain.node.federation;

import org.dirchain.chain.AttestationSigner;
import org.dirchain.chain.model.Hash32;
import org.dirchain.secagg.SecAggParticipant;
import org.dirchain.secagg.SessionId;
import org.web3j.crypto.Credentials;

/**
 * Signs a session's ephemeral keys with the node's chain account (EIP-191 over the keccak256 of the
 * canonical advertisement), and recovers the signer of another node's advertisement. The chain says
 * which organisation an account belongs to, so a coordinator cannot substitute its own keys.
 */
public final class KeyAdvertisementSigner {
    private final Credentials nodeKey;

    public KeyAdvertisementSigner(Credentials nodeKey) {
        this.nodeKey = nodeKey;
    }

    public byte[] sign(SessionId session, int org, byte[] encryptionKey, byte[] maskKey) {
        return AttestationSigner.signPrefixed(nodeKey, digest(session, org, encryptionKey, maskKey));
    }

    /**
     * @return the 0x-prefixed lower-case address that signed the advertisement
     * @throws IllegalArgumentException if the signature is malformed
     */
    public static String signer(SessionId session, int org, byte[] encryptionKey, byte[] maskKey, byte[] signature) {
        return AttestationSigner.recoverPrefixed(digest(session, org, encryptionKey, maskKey), signature);
    }

    private static byte[] digest(SessionId session, int org, byte[] encryptionKey, byte[] maskKey) {
        return Hash32.keccak(SecAggParticipant.advertisementDigestInput(session, org, encryptionKey, maskKey)).bytes();
    }
}
