package org.dirchain.chain.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The compiled ABIs of the directory contracts, read from the contracts jar: custom errors by
 * selector (to decode reverts) and function names by selector (to label transactions).
 */
@SuppressWarnings("rawtypes") // web3j decodes into List<TypeReference<Type>> with the raw Type
public final class ContractAbis {
    public static final List<String> CONTRACTS = List.of("Consortium", "DataCatalog", "AccessGrants", "JobLedger");
    private static final String RESOURCE_DIR = "/org/dirchain/contracts/solc/";

    /** A custom error: its name, its Solidity parameter names and types, and their decoders. */
    public record ErrorDef(String name, List<String> parameterNames, List<String> solidityTypes,
            List<TypeReference<Type>> decoders) {}

    private final Map<String, ErrorDef> errors = new HashMap<>();
    private final Map<String, String> functions = new HashMap<>();

    private ContractAbis() {}

    public static ContractAbis load() {
        ContractAbis abis = new ContractAbis();
        ObjectMapper json = new ObjectMapper();
        for (String contract : CONTRACTS) {
            try (InputStream in = ContractAbis.class.getResourceAsStream(RESOURCE_DIR + contract + ".abi")) {
                if (in == null) {
                    throw new IllegalStateException("ABI of " + contract + " missing from the classpath");
                }
                abis.add(contract, json.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ABI of " + contract, e);
            }
        }
        return abis;
    }

    /** Bytecode of a directory contract, hex without 0x. */
    public static String bytecode(String contract) {
        try (InputStream in = ContractAbis.class.getResourceAsStream(RESOURCE_DIR + contract + ".bin")) {
            if (in == null) {
                throw new IllegalStateException("bytecode of " + contract + " missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String contract, JsonNode abi) {
        for (JsonNode entry : abi) {
            String kind = entry.path("type").asText();
            if (!kind.equals("error") && !kind.equals("function")) {
                continue;
            }
            List<String> types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (JsonNode input : entry.path("inputs")) {
                types.add(canonicalType(input));
                names.add(input.path("name").asText());
            }
            String name = entry.path("name").asText();
            String selector = selector(name + "(" + String.join(",", types) + ")");
            if (kind.equals("error")) {
                errors.putIfAbsent(selector, new ErrorDef(name, List.copyOf(names), List.copyOf(types), decoders(types)));
            } else {
                functions.putIfAbsent(selector, contract + "." + name);
            }
        }
    }

    /** The type as it appears in a selector's signature: a struct is the tuple of its components. */
    private static String canonicalType(JsonNode param) {
        String type = param.path("type").asText();
        if (!type.startsWith("tuple")) {
            return type;
        }
        List<String> parts = new ArrayList<>();
        param.path("components").forEach(c -> parts.add(canonicalType(c)));
        return "(" + String.join(",", parts) + ")" + type.substring("tuple".length());
    }

    private static List<TypeReference<Type>> decoders(List<String> types) {
        List<TypeReference<Type>> refs = new ArrayList<>();
        for (String t : types) {
            try {
                @SuppressWarnings("unchecked")
                TypeReference<Type> ref = (TypeReference<Type>) (TypeReference<?>) TypeReference.makeTypeReference(t);
                refs.add(ref);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("unsupported ABI type " + t, e);
            }
        }
        return List.copyOf(refs);
    }

    static String selector(String signature) {
        return Numeric.toHexString(Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .substring(0, 10);
    }

    public Optional<ErrorDef> error(String selector) {
        return Optional.ofNullable(errors.get(selector.toLowerCase(java.util.Locale.ROOT)));
    }

    public List<ErrorDef> allErrors() {
        return List.copyOf(errors.values());
    }

    /** "Contract.function" for a 4-byte selector (0x-prefixed), or the selector itself. */
    public String functionName(String selector) {
        return functions.getOrDefault(selector, selector);
    }
}
