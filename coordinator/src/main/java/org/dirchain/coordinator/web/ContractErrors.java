package org.dirchain.coordinator.web;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dirchain.chain.errors.ContractRevertException;
import org.dirchain.chain.tx.ContractAbis;
import org.springframework.http.HttpStatus;

/**
 * How a decoded contract refusal is reported: its HTTP status, and its arguments under their
 * Solidity parameter names (from the compiled ABIs, via {@link ContractAbis}), e.g.
 * {@code {"grantId": 7, "expiredAt": 1767225600}} for {@code GrantExpired}.
 *
 * <p>Status: 403 when the signer's organisation lacks the right (not the owner, not an approver,
 * missing role, suspended), 404 when an id names nothing, 409 for every other refusal — the
 * request was well-formed but the directory's current state does not allow it.
 */
public final class ContractErrors {
    private static final long JSON_SAFE_INTEGER = (1L << 53) - 1;
    private static final Set<String> FORBIDDEN = Set.of("NotAdmin", "NotMember", "OrganisationIsSuspended",
            "MissingRole", "NotOwnAccount", "NotAssetOwner", "NotApprover", "NotOwnerOrRegulator", "NotGrantee",
            "NotJobLedger", "NotAssetNode", "NotRequesterOrOperator");
    private static final Set<String> NOT_FOUND = Set.of("UnknownOrganisation", "UnknownAsset", "UnknownGrant",
            "UnknownJob");

    /** Parameter names per error name; one list per overload (same name, different arguments). */
    private final Map<String, List<List<String>>> parameterNames;

    private ContractErrors(Map<String, List<List<String>>> parameterNames) {
        this.parameterNames = parameterNames;
    }

    public static ContractErrors load() {
        Map<String, List<List<String>>> names = new HashMap<>();
        for (ContractAbis.ErrorDef e : ContractAbis.load().allErrors()) {
            List<List<String>> overloads = names.computeIfAbsent(e.name(), k -> new ArrayList<>());
            if (!overloads.contains(e.parameterNames())) {
                overloads.add(e.parameterNames());
            }
        }
        return new ContractErrors(Map.copyOf(names));
    }

    public static HttpStatus status(String errorName) {
        if (FORBIDDEN.contains(errorName)) {
            return HttpStatus.FORBIDDEN;
        }
        if (NOT_FOUND.contains(errorName)) {
            return HttpStatus.NOT_FOUND;
        }
        return HttpStatus.CONFLICT;
    }

    /** The decoded arguments by parameter name (or {@code arg0}, {@code arg1}… when unknown). */
    public Map<String, Object> arguments(ContractRevertException e) {
        List<Object> values = e.arguments();
        List<String> names = parameterNames.getOrDefault(e.errorName(), List.of()).stream()
                .filter(n -> n.size() == values.size())
                .findFirst()
                .orElse(List.of());
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String name = i < names.size() && !names.get(i).isBlank() ? names.get(i) : "arg" + i;
            out.put(name, jsonValue(values.get(i)));
        }
        return out;
    }

    /** Integers beyond 2^53 become strings, so JavaScript clients do not round them. */
    private static Object jsonValue(Object v) {
        if (v instanceof BigInteger b) {
            return b.abs().compareTo(BigInteger.valueOf(JSON_SAFE_INTEGER)) <= 0 ? (Object) b.longValueExact()
                    : b.toString();
        }
        return v;
    }
}
