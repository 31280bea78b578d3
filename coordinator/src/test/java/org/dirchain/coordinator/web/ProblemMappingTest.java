package org.dirchain.coordinator.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.errors.Reverts;
import org.dirchain.chain.errors.TransactionFailedException;
import org.dirchain.coordinator.chain.IndexLagException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** The mappings no HTTP test reaches on a healthy chain: Java-side chain refusals, lag, failures. */
class ProblemMappingTest {
    private final ApiExceptionHandler handler = new ApiExceptionHandler();
    private final ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("POST", "/api/v1/assets"));

    private static ProblemDetail problem(ResponseEntity<Object> r) {
        return (ProblemDetail) r.getBody();
    }

    @Test
    void aJavaSideChainRefusalIsAValidationProblemNamingTheField() {
        ResponseEntity<Object> r = handler.invalidInput(
                new InvalidInputException("tags", "tag 'x' must be 1 to 32 bytes of UTF-8 without NUL"), request);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ProblemDetail p = problem(r);
        assertThat(p.getType()).hasToString(ProblemTypes.VALIDATION);
        assertThat(p.getInstance()).hasToString("/api/v1/assets");
        assertThat(p.getProperties()).containsEntry("errors",
                List.of(new FieldProblem("tags", "tag 'x' must be 1 to 32 bytes of UTF-8 without NUL")));
    }

    @Test
    void contractErrorsGetStatusTypeAndNamedArguments() {
        ProblemDetail expired = problem(handler.contractRefusal(new Reverts.GrantExpired(
                List.of(BigInteger.valueOf(7), BigInteger.valueOf(1_767_225_600))), request));
        assertThat(expired.getStatus()).isEqualTo(409);
        assertThat(expired.getType()).hasToString("urn:dirchain:problem:contract:GrantExpired");
        assertThat(expired.getDetail()).isEqualTo("GrantExpired(grantId=7, expiredAt=1767225600)");
        assertThat(expired.getProperties()).containsEntry("arguments", Map.of("grantId", 7L, "expiredAt", 1_767_225_600L));

        // same error name, different parameters in two contracts: matched by argument count
        assertThat(problem(handler.contractRefusal(new Reverts.InvalidOperations(List.of(BigInteger.valueOf(64))),
                request)).getProperties().get("arguments")).isEqualTo(Map.of("ops", 64L));
        assertThat(problem(handler.contractRefusal(new Reverts.InvalidOperations(
                List.of(BigInteger.valueOf(64), BigInteger.valueOf(7))), request)).getProperties().get("arguments"))
                .isEqualTo(Map.of("requested", 64L, "allowed", 7L));

        // wei amounts beyond 2^53 stay exact, as strings
        BigInteger fee = BigInteger.TWO.pow(100);
        assertThat(problem(handler.contractRefusal(new Reverts.FeeTooLarge(List.of(fee)), request))
                .getProperties().get("arguments")).isEqualTo(Map.of("fee", fee.toString()));

        assertThat(ContractErrors.status("NotAssetOwner")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(ContractErrors.status("MissingRole")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(ContractErrors.status("UnknownGrant")).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ContractErrors.status("GrantNotPending")).isEqualTo(HttpStatus.CONFLICT);
        assertThat(ContractErrors.status("SomethingNew")).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void infrastructureFailuresAreServiceProblems() {
        ResponseEntity<Object> lag = handler.indexLagging(new IndexLagException(120, 118, 2), request);
        assertThat(lag.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(lag.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(problem(lag).getType()).hasToString(ProblemTypes.INDEX_LAGGING);
        assertThat(problem(lag).getProperties()).containsEntry("writtenBlock", 120L).containsEntry("indexedBlock", 118L);

        ResponseEntity<Object> failed = handler.transactionFailed(new TransactionFailedException("dropped"), request);
        assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(problem(failed).getType()).hasToString(ProblemTypes.TRANSACTION_FAILED);

        ResponseEntity<Object> internal = handler.internal(new IllegalStateException("secret detail"), request);
        assertThat(internal.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem(internal).getDetail()).doesNotContain("secret detail");
    }
}
