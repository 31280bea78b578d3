package org.dirchain.coordinator.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets in a local PKCS#12 keystore file: one {@link KeyStore.SecretKeyEntry} per name, every
 * entry encrypted under the store password (the JDK's PKCS#12 default, PBES2 with AES-256 and
 * HMAC-SHA-256). The file is created on first write, readable by its owner only, and replaced
 * atomically (written to a temporary file in the same directory, forced to disk, moved over the
 * old one) so a crash never leaves half a keystore. One process owns the file: the store is loaded
 * once and kept in memory.
 */
public final class Pkcs12SecretStore implements SecretStore {
    private static final Logger LOG = LoggerFactory.getLogger(Pkcs12SecretStore.class);
    /**
     * Any secret-key algorithm the JDK's PKCS#12 can name would do; HMAC keys may have any length,
     * so tools reading the file find nothing odd about a 33-byte "key".
     */
    private static final String ENTRY_ALGORITHM = "HmacSHA256";
    /** First byte of every entry: lets empty values be stored (a SecretKeySpec cannot be empty). */
    private static final byte FORMAT_V1 = 1;

    private final Path file;
    private final char[] password;
    private final KeyStore keyStore;

    public Pkcs12SecretStore(Path file, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("the PKCS#12 secret store needs a password "
                    + "(dirchain.coordinator.secrets.pkcs12.password, e.g. from DIRCHAIN_COORDINATOR_SECRETS_PKCS12_PASSWORD)");
        }
        this.file = file.toAbsolutePath();
        this.password = password.clone();
        this.keyStore = load(this.file, this.password);
    }

    private static KeyStore load(Path file, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    ks.load(in, password);
                }
                LOG.info("secret store opened kind=pkcs12 file={} entries={}", file, ks.size());
            } else {
                ks.load(null, password);
                LOG.info("secret store kind=pkcs12 file={} does not exist yet; created on first write", file);
            }
            return ks;
        } catch (IOException e) {
            // a wrong password surfaces as an IOException whose cause is an UnrecoverableKeyException
            throw new SecretStoreException("cannot open PKCS#12 secret store " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("cannot open PKCS#12 secret store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<byte[]> get(String name) {
        SecretNames.requireValid(name);
        try {
            KeyStore.Entry entry = keyStore.getEntry(name, protection());
            if (entry == null) {
                return Optional.empty();
            }
            if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
                throw new SecretStoreException("entry '" + name + "' of " + file + " is not a secret entry");
            }
            byte[] encoded = secret.getSecretKey().getEncoded();
            if (encoded.length == 0 || encoded[0] != FORMAT_V1) {
                throw new SecretStoreException("entry '" + name + "' of " + file + " has an unknown format");
            }
            byte[] value = Arrays.copyOfRange(encoded, 1, encoded.length);
            Arrays.fill(encoded, (byte) 0);
            return Optional.of(value);
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("cannot read '" + name + "' from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void put(String name, byte[] value) {
        SecretNames.requireValid(name);
        if (value == null) {
            throw new IllegalArgumentException("secret value must not be null");
        }
        byte[] encoded = new byte[value.length + 1];
        encoded[0] = FORMAT_V1;
        System.arraycopy(value, 0, encoded, 1, value.length);
        SecretKey key = new SecretKeySpec(encoded, ENTRY_ALGORITHM);
        Arrays.fill(encoded, (byte) 0);
        try {
            keyStore.setEntry(name, new KeyStore.SecretKeyEntry(key), protection());
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("cannot store '" + name + "' in " + file + ": " + e.getMessage(), e);
        }
        persist();
    }

    @Override
    public synchronized boolean delete(String name) {
        SecretNames.requireValid(name);
        try {
            if (!keyStore.containsAlias(name)) {
                return false;
            }
            keyStore.deleteEntry(name);
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("cannot delete '" + name + "' from " + file + ": " + e.getMessage(), e);
        }
        persist();
        return true;
    }

    @Override
    public String description() {
        return "pkcs12:" + file;
    }

    private KeyStore.PasswordProtection protection() {
        return new KeyStore.PasswordProtection(password);
    }

    private void persist() {
        Path dir = file.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createOwnerOnlyTempFile(dir);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                keyStore.store(out, password);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | GeneralSecurityException e) {
            throw new SecretStoreException("cannot write PKCS#12 secret store " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort; a stray temporary file holds only encrypted entries
                }
            }
        }
    }

    private static Path createOwnerOnlyTempFile(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, ".secrets-", ".p12.tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, ".secrets-", ".p12.tmp");
    }
}
