package org.dirchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.dirchain.chain.errors.ContractRevertException;
import org.dirchain.chain.errors.Reverts;
import org.dirchain.chain.tx.ContractAbis;
import org.dirchain.chain.tx.RevertDecoder;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint64;

class RevertCatalogueTest {
    @Test
    void everyContractErrorHasItsOwnExceptionType() {
        List<ContractAbis.ErrorDef> errors = ContractAbis.load().allErrors();
        assertTrue(errors.size() > 40, "the ABIs declare the contracts' custom errors");
        for (ContractAbis.ErrorDef e : errors) {
            ContractRevertException ex = Reverts.of(e.name(), List.of());
            assertEquals(e.name(), ex.getClass().getSimpleName(), "no exception type for " + e.name());
        }
    }

    @Test
    void decodesSelectorAndArguments() {
        String data = FunctionEncoder.encode(new Function("GrantExpired",
                List.of(new Uint64(7), new Uint64(1_700_000_000L)), List.of()));
        ContractRevertException e = new RevertDecoder(ContractAbis.load()).decode(data).orElseThrow();
        assertTrue(e instanceof Reverts.GrantExpired);
        assertEquals(List.of(BigInteger.valueOf(7), BigInteger.valueOf(1_700_000_000L)), e.arguments());
        assertFalse(new RevertDecoder(ContractAbis.load()).decode("0x").isPresent());
        assertEquals("Error", new RevertDecoder(ContractAbis.load()).decode(FunctionEncoder.encode(
                new Function("Error", List.of(new org.web3j.abi.datatypes.Utf8String("boom")), List.of())))
                .orElseThrow().errorName());
    }
}
