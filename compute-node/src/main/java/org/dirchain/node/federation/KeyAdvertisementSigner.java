package org.dirchain.node.federation;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.dirchain.chain.model.Hash32;
import org.dirchain.secagg.SecAggParticipant;
import org.dirchain.secagg.SessionId;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

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
        Sign.SignatureData sig = Sign.signPrefixedMessage(digest(session, org, encryptionKey, maskKey),
                nodeKey.getEcKeyPair());
        byte[] packed = new byte[65];
        System.arraycopy(sig.getR(), 0, packed, 0, 32);
        System.arraycopy(sig.getS(), 0, packed, 32, 32);
        packed[64] = sig.getV()[0];
        return packed;
    }

    /**
     * @return the 0x-prefixed lower-case address that signed the advertisement
     * @throws IllegalArgumentException if the signature is malformed
     */
    public static String signer(SessionId session, int org, byte[] encryptionKey, byte[] maskKey, byte[] signature) {
        if (signature.length != 65) {
            throw new IllegalArgumentException("signature has " + signature.length + " bytes, not 65");
        }
        Sign.SignatureData sig = new Sign.SignatureData(signature[64], Arrays.copyOfRange(signature, 0, 32),
                Arrays.copyOfRange(signature, 32, 64));
        try {
            BigInteger key = Sign.signedPrefixedMessageToKey(digest(session, org, encryptionKey, maskKey), sig);
            return "0x" + Keys.getAddress(key);
        } catch (SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("malformed key advertisement signature: " + e.getMessage(), e);
        }
    }

    private static byte[] digest(SessionId session, int org, byte[] encryptionKey, byte[] maskKey) {
        return Hash32.keccak(SecAggParticipant.advertisementDigestInput(session, org, encryptionKey, maskKey)).bytes();
    }
}
