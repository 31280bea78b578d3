package org.dirchain.coordinator.secrets;

import java.util.regex.Pattern;

/**
 * The one naming rule every {@link SecretStore} accepts: lower-case segments of letters, digits,
 * {@code .}, {@code _} and {@code -}, separated by single slashes. Lower case because PKCS#12
 * aliases are case-insensitive (the JDK lower-cases them), so {@code A} and {@code a} would
 * silently be the same entry; no empty segments and none starting with {@code .} because the name becomes
 * a Vault path.
 */
public final class SecretNames {
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9_-][a-z0-9._-]*");
    private static final int MAX_LENGTH = 200;

    private SecretNames() {}

    public static String requireValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("secret name must be 1 to " + MAX_LENGTH + " characters");
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("secret name '" + name
                        + "' must be lower-case segments of [a-z0-9._-] separated by single '/'");
            }
        }
        return name;
    }
}
