package org.dirchain.coordinator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API key format and its hashing.
 *
 * <p>A key is {@code dck_<keyId>_<secret>}: {@code keyId} is 16 hex digits (64 random bits) that
 * name the key in listings and logs and find its row; {@code secret} is 256 random bits in
 * unpadded Base64url. Only SHA-256 of the whole key is stored.
 *
 * <p><b>Why a fast hash is enough.</b> Slow password hashes (bcrypt, scrypt, Argon2) exist because
 * passwords are guessable: they make each guess against a stolen hash expensive. These keys are not
 * chosen by people; they carry 256 bits from {@link SecureRandom}, so even a stolen hash cannot be
 * reversed by guessing (2^256 candidates) however fast the hash is. A fast hash also keeps
 * authentication cheap on every request, where a deliberately slow one would hand a denial of
 * service to anyone sending random keys. The hash is compared in constant time
 * ({@link MessageDigest#isEqual}), so response timing does not reveal how much of it matched.
 */
public final class ApiKeyTokens {
    private static final String PREFIX = "dck_";
    private static final Pattern FORMAT = Pattern.compile("dck_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A freshly generated key: shown to its owner once, then only its hash is kept. */
    public record GeneratedKey(String keyId, String token, String sha256Hex) {
        @Override
        public String toString() {
            return "GeneratedKey[" + keyId + "]"; // never print the token by accident
        }
    }

    private ApiKeyTokens() {}

    public static GeneratedKey generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String token = PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new GeneratedKey(keyId, token, sha256Hex(token));
    }

    /** The key id of a well-formed token; empty for anything else (which then fails authentication). */
    public static Optional<String> keyIdOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(token);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static boolean isKeyId(String keyId) {
        return keyId != null && keyId.matches("[0-9a-f]{16}");
    }

    public static boolean isSha256Hex(String hex) {
        return hex != null && hex.matches("[0-9a-f]{64}");
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time check of a presented token against a stored hash. */
    public static boolean matches(String token, String storedSha256Hex) {
        if (token == null || !isSha256Hex(storedSha256Hex)) {
            return false;
        }
        byte[] presented = sha256(token.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(presented, HexFormat.of().parseHex(storedSha256Hex));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
