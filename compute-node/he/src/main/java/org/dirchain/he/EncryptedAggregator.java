package org.dirchain.he;

import java.math.BigInteger;
import java.util.List;
import org.dirchain.he.FixedPointEncoder;
import org.dirchain.he.HeCiphertext;
import org.dirchain.he.HePublicKey;
import org.dirchain.he.HeSecretKey;
import org.dirchain.he.HomomorphicScheme;

/**
 * Combines the nodes' encrypted partial-aggregate vectors element by element. Whoever runs it
 * (the coordinator) needs only the public key and learns nothing; only the requester's secret
 * key turns the sum back into numbers ({@link #decrypt}).
 */
public final class EncryptedAggregator {
    private final HomomorphicScheme scheme;
    private final HePublicKey key;

    public EncryptedAggregator(HomomorphicScheme scheme, HePublicKey key) {
        this.scheme = scheme;
        this.key = key;
    }

    /**
     * Sums serialised ciphertext vectors; every ciphertext is parsed and validated against the key.
     *
     * @throws IllegalArgumentException when the vectors differ in length or none is given
     */
    public List<HeCiphertext> sum(List<? extends List<byte[]>> contributions) {
        if (contributions.isEmpty()) {
            throw new IllegalArgumentException("no contributions to aggregate");
        }
        int length = contributions.get(0).size();
        HeCiphertext[] total = new HeCiphertext[length];
        for (List<byte[]> vector : contributions) {
            if (vector.size() != length) {
                throw new IllegalArgumentException("contributions differ in length: " + vector.size() + " vs " + length);
            }
            for (int i = 0; i < length; i++) {
                HeCiphertext c = scheme.deserializeCiphertext(key, vector.get(i));
                total[i] = total[i] == null ? c : scheme.add(total[i], c);
            }
        }
        return List.of(total);
    }

    public List<byte[]> serialize(List<HeCiphertext> vector) {
        return vector.stream().map(scheme::serializeCiphertext).toList();
    }

    /**
     * Requester side: decrypts a summed vector to the signed, scaled integers the nodes encrypted.
     * With {@code packing} (the spec's lane width), {@code values} slots of {@code contributions}
     * summed partials are unpacked from the lanes; without it each ciphertext holds one value.
     */
    public static BigInteger[] decrypt(HomomorphicScheme scheme, HeSecretKey secretKey, HePublicKey publicKey,
            List<HeCiphertext> vector, LanePacking packing, int values, int contributions) {
        if (packing == null) {
            return decrypt(scheme, secretKey, publicKey, vector);
        }
        BigInteger[] plaintexts = new BigInteger[vector.size()];
        for (int i = 0; i < plaintexts.length; i++) {
            plaintexts[i] = scheme.decrypt(secretKey, vector.get(i));
        }
        return packing.unpack(plaintexts, values, contributions);
    }

    /** Requester side, one value per ciphertext: the signed, scaled integers the nodes encrypted. */
    public static BigInteger[] decrypt(HomomorphicScheme scheme, HeSecretKey secretKey, HePublicKey publicKey,
            List<HeCiphertext> vector) {
        FixedPointEncoder signed = FixedPointEncoder.decimal(publicKey, 0);
        BigInteger[] out = new BigInteger[vector.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = signed.decodeScaled(scheme.decrypt(secretKey, vector.get(i)));
        }
        return out;
    }
}
