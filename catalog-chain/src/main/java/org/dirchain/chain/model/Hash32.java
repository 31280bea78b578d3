package org.dirchain.chain.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;

/** A 32-byte hash or commitment, kept as lower-case 0x-prefixed hex so records compare by value. */
public record Hash32(String hex) {
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]{64}");
    public static final Hash32 ZERO = new Hash32("0x" + "0".repeat(64));

    public Hash32 {
        if (hex == null) {
            throw new IllegalArgumentException("hash is missing");
        }
        hex = hex.toLowerCase(Locale.ROOT);
        if (!hex.startsWith("0x")) {
            hex = "0x" + hex;
        }
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("malformed 32-byte hash: expected 64 hex digits, got '" + hex + "'");
        }
    }

    public static Hash32 of(byte[] bytes) {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException(
                    "malformed 32-byte hash: got " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return new Hash32("0x" + HexFormat.of().formatHex(bytes));
    }

    /** keccak256 of the given bytes, as Ethereum contracts compute it. */
    public static Hash32 keccak(byte[] data) {
        return of(Hash.sha3(data));
    }

    public static Hash32 keccak(String utf8) {
        return keccak(utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex.substring(2));
    }

    public boolean isZero() {
        return Arrays.equals(bytes(), new byte[32]);
    }

    @Override
    public String toString() {
        return hex;
    }
}
