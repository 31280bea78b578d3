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
        Sign.SignatureData sig = Sign.signPrefixedMessage(digest.bytes(), nodeKey.getEcKeyPair());
        byte[] packed = new byte[65];
        System.arraycopy(sig.getR(), 0, packed, 0, 32);
        System.arraycopy(sig.getS(), 0, packed, 32, 32);
        packed[64] = sig.getV()[0];
        return new Attestation(jobId, assetIndex, assetId, commitment, weight, packed);
    }

    /** The address that signed an attestation, as the contract would recover it. */
    public static String signerOf(Deployment d, Attestation a) {
        byte[] s = a.signature();
        Sign.SignatureData sig = new Sign.SignatureData(s[64], java.util.Arrays.copyOfRange(s, 0, 32),
                java.util.Arrays.copyOfRange(s, 32, 64));
        try {
            BigInteger key = Sign.signedPrefixedMessageToKey(
                    digest(d, a.jobId(), a.assetId(), a.commitment(), a.weight()).bytes(), sig);
            return "0x" + org.web3j.crypto.Keys.getAddress(key);
        } catch (java.security.SignatureException e) {
            throw new IllegalArgumentException("malformed attestation signature", e);
        }
    }
}
