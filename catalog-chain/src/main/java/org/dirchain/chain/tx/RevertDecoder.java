package org.dirchain.chain.tx;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.dirchain.chain.errors.ContractRevertException;
import org.dirchain.chain.errors.Reverts;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;

/** Turns revert data (selector + ABI-encoded arguments) into the specific exception type. */
@SuppressWarnings("rawtypes") // web3j decodes into List<TypeReference<Type>> with the raw Type
public final class RevertDecoder {
    private static final String ERROR_STRING = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";

    private final ContractAbis abis;

    public RevertDecoder(ContractAbis abis) {
        this.abis = abis;
    }

    /** Decodes 0x-prefixed revert data; empty when there is none or it is not decodable. */
    public Optional<ContractRevertException> decode(String revertData) {
        if (revertData == null) {
            return Optional.empty();
        }
        String data = revertData.trim().replace("\"", "");
        if (!data.startsWith("0x") || data.length() < 10) {
            return Optional.empty();
        }
        String selector = data.substring(0, 10).toLowerCase(java.util.Locale.ROOT);
        String args = "0x" + data.substring(10);
        if (selector.equals(ERROR_STRING)) {
            return Optional.of(Reverts.of("Error", values(args, List.of(stringRef()))));
        }
        if (selector.equals(PANIC)) {
            return Optional.of(Reverts.of("Panic", values(args, List.of(uintRef()))));
        }
        return abis.error(selector).map(def -> Reverts.of(def.name(), values(args, def.decoders())));
    }

    private static List<Object> values(String encoded, List<TypeReference<Type>> types) {
        List<Object> out = new ArrayList<>();
        if (types.isEmpty()) {
            return out;
        }
        for (Type<?> t : FunctionReturnDecoder.decode(encoded, types)) {
            Object v = t.getValue();
            out.add(v instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : v);
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeReference<Type> stringRef() {
        return (TypeReference) new TypeReference<Utf8String>() {};
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeReference<Type> uintRef() {
        return (TypeReference) new TypeReference<org.web3j.abi.datatypes.generated.Uint256>() {};
    }
}
