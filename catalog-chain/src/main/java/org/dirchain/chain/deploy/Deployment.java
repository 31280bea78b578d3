package org.dirchain.chain.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the directory contracts live on one chain, as written by {@link ContractDeployer} and read
 * by every component. {@code deploymentBlock} is where indexers start reading logs.
 */
public record Deployment(
        long chainId,
        String consortium,
        String dataCatalog,
        String accessGrants,
        String jobLedger,
        long deploymentBlock) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Deployment read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Deployment.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read deployment file " + file, e);
        }
    }

    /** Written to a temporary file and moved into place, so readers never see half a file. */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "deployment", ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write deployment file " + file, e);
        }
    }
}
