package org.dirchain.chain;

import java.math.BigInteger;
import java.util.List;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Hash32;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Signs attestations the way {@code JobLedger.attest} verifies them: EIP-191 personal signature
 * of keccak256(abi.encode(ledger, chainId, jobId, assetId, commitment, weight)). Binding the
 * ledger address and chain id stops replay on another deployment or chain.
 */
public final class AttestationSigner {
    private final Credentials nodeKey;
    private final Deployment deployment;

    public AttestationSigner(Credentials nodeKey, Deployment deployment) {
        this.nodeKey = nodeKey;
        this.deployment = deployment;
    }

    public static Hash32 digest(Deployment d, long jobId, long assetId, Hash32 commitment, long weight) {
        @SuppressWarnings("rawtypes")
        List<Type> fields = List.of(new Address(d.jobLedger()), new Uint256(d.chainId()),
                new Uint64(jobId), new Uint64(assetId), new Bytes32(commitment.bytes()), new Uint64(weight));
        return Hash32.keccak(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(fields)));
    }

    public Attestation sign(long jobId, int assetIndex, long assetId, Hash32 commitment, long weight) {
        Hash32 digest = digest(deployment, jobId, assetId, commitment, weight);
        return new Attestation(jobId, assetIndex, assetId, commitment, weight, signPrefixed(nodeKey, digest.bytes()));
    }

    /** EIP-191 personal signature of {@code message} as 65 bytes r ‖ s ‖ v, the layout the contracts recover. */
    public static byte[] signPrefixed(Credentials key, byte[] message) {
        Sign.SignatureData sig = Sign.signPrefixedMessage(message, key.getEcKeyPair());
        byte[] packed = new byte[65];
        System.arraycopy(sig.getR(), 0, packed, 0, 32);
        System.arraycopy(sig.getS(), 0, packed, 32, 32);
        packed[64] = sig.getV()[0];
        return packed;
    }

    /**
     * The 0x-prefixed address that produced a {@link #signPrefixed} signature of {@code message}.
     *
     * @throws IllegalArgumentException if the signature is malformed
     */
    public static String recoverPrefixed(byte[] message, byte[] signature) {
        if (signature.length != 65) {
            throw new IllegalArgumentException("signature has " + signature.length + " bytes, not 65");
        }
        Sign.SignatureData sig = new Sign.SignatureData(signature[64], java.util.Arrays.copyOfRange(signature, 0, 32),
                java.util.Arrays.copyOfRange(signature, 32, 64));
        try {
            return "0x" + org.web3j.crypto.Keys.getAddress(Sign.signedPrefixedMessageToKey(message, sig));
        } catch (java.security.SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("malformed signature: " + e.getMessage(), e);
        }
    }

    /** The address that signed an attestation, as the contract would recover it. */
    public static String signerOf(Deployment d, Attestation a) {
        return recoverPrefixed(digest(d, a.jobId(), a.assetId(), a.commitment(), a.weight()).bytes(), a.signature());
    }
}
