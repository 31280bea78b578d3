package org.dirchain.chain;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.model.Hash32;
import org.web3j.crypto.WalletUtils;

/** Checks done in Java before a transaction is built, mirroring the contracts' own limits. */
final class Inputs {
    static final int MAX_TITLE_BYTES = 200;
    static final int MAX_URI_BYTES = 256;
    static final int MAX_SCHEMA_BYTES = 4096;
    static final int MAX_NAME_BYTES = 128;
    static final int MAX_ENDPOINT_BYTES = 256;
    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_TAGS = 8;
    static final int MAX_APPROVERS = 8;
    static final int MAX_JOB_ASSETS = 8;
    static final long UINT32_MAX = 0xFFFF_FFFFL;

    private Inputs() {}

    static void id(String field, long id) {
        if (id <= 0) {
            throw new InvalidInputException(field, "must be a positive id, got " + id);
        }
    }

    static void text(String field, String value, int maxBytes, boolean required) {
        if (value == null || (required && value.isBlank())) {
            if (required) {
                throw new InvalidInputException(field, "must not be empty");
            }
            return;
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new InvalidInputException(field, "is " + bytes + " bytes, at most " + maxBytes + " allowed");
        }
    }

    static void hash(String field, Hash32 hash) {
        if (hash == null || hash.isZero()) {
            throw new InvalidInputException(field, "must be a non-zero 32-byte hash");
        }
    }

    static void nonEmpty(String field, Collection<?> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidInputException(field, "must name at least one value");
        }
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void address(String field, String address) {
        if (address == null || !WalletUtils.isValidAddress(address) || !address.startsWith("0x")) {
            throw new InvalidInputException(field, "must be a 0x-prefixed 20-byte address, got '" + address + "'");
        }
    }

    static void distinct(String field, List<Long> values, int max) {
        if (values.size() > max) {
            throw new InvalidInputException(field, "has " + values.size() + " entries, at most " + max + " allowed");
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw new InvalidInputException(field, "must not repeat an entry: " + values);
        }
        values.forEach(v -> id(field, v));
    }

    /** A tag as bytes32: 1 to 32 bytes of UTF-8, right-padded with zeros. */
    static byte[] tag(String tag) {
        if (tag == null || tag.isBlank()) {
            throw new InvalidInputException("tags", "a tag must not be empty");
        }
        byte[] utf8 = tag.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 32 || tag.indexOf('\0') >= 0) {
            throw new InvalidInputException("tags", "tag '" + tag + "' must be 1 to 32 bytes of UTF-8 without NUL");
        }
        byte[] padded = new byte[32];
        System.arraycopy(utf8, 0, padded, 0, utf8.length);
        return padded;
    }
}
