package org.dirchain.coordinator.web;

/**
 * The {@code type} URIs of every problem the API reports (RFC 9457). Stable: clients branch on
 * them. docs/api.md lists each with its HTTP status.
 */
public final class ProblemTypes {
    public static final String PREFIX = "urn:dirchain:problem:";

    /** 400: a field is missing, malformed or out of range; {@code errors} names each field. */
    public static final String VALIDATION = PREFIX + "validation";
    /**
     * 400: the job asks for something an asset's release policy does not permit (an identifier in a
     * filter, too many groups, epsilon out of range, ...); {@code errors} names the field, {@code assetId}
     * the asset. Nothing was written on chain.
     */
    public static final String RELEASE_POLICY = PREFIX + "release-policy";
    /** 400: the body is not JSON, or not the JSON shape the endpoint takes. */
    public static final String MALFORMED_REQUEST = PREFIX + "malformed-request";
    /** 401: no API key, or not a valid one. */
    public static final String UNAUTHENTICATED = PREFIX + "unauthenticated";
    /** 403: the caller's organisation may not do or see this. */
    public static final String FORBIDDEN = PREFIX + "forbidden";
    /** 404: no such resource, or none the caller may see. */
    public static final String NOT_FOUND = PREFIX + "not-found";
    public static final String METHOD_NOT_ALLOWED = PREFIX + "method-not-allowed";
    public static final String NOT_ACCEPTABLE = PREFIX + "not-acceptable";
    public static final String UNSUPPORTED_MEDIA_TYPE = PREFIX + "unsupported-media-type";
    /** 413: the request body is larger than the coordinator accepts ({@code maxBytes}); it was not read. */
    public static final String PAYLOAD_TOO_LARGE = PREFIX + "payload-too-large";
    /** 429: the API key sent more requests than its rate limit; {@code Retry-After} says when to try again. */
    public static final String RATE_LIMITED = PREFIX + "rate-limited";
    /** 409: the caller's organisation has no chain signing key registered, so it cannot write. */
    public static final String SIGNING_KEY_MISSING = PREFIX + "signing-key-missing";
    /** 409: a signing key offered for an organisation is not one of its accounts on chain. */
    public static final String NOT_AN_ACCOUNT = PREFIX + "not-an-account";
    /** 409: the job's result is not aggregated yet (or the job failed and has none). */
    public static final String RESULT_NOT_READY = PREFIX + "result-not-ready";
    /** 409: statistics asked for a job whose result is under the requester's own key (decrypt it client-side). */
    public static final String CLIENT_SIDE_KEY = PREFIX + "client-side-key";
    /** 409: the job is past the point where it can be cancelled. */
    public static final String JOB_NOT_CANCELLABLE = PREFIX + "job-not-cancellable";
    /** Prefix of decoded contract refusals, e.g. {@code urn:dirchain:problem:contract:GrantExpired}. */
    public static final String CONTRACT_PREFIX = PREFIX + "contract:";
    /** 502: a transaction could not be sent or mined, and no contract error explains why. */
    public static final String TRANSACTION_FAILED = PREFIX + "transaction-failed";
    /** 503: the chain node did not answer. */
    public static final String CHAIN_UNAVAILABLE = PREFIX + "chain-unavailable";
    /** 503: the write was mined but the index has not reached its block yet. */
    public static final String INDEX_LAGGING = PREFIX + "index-lagging";
    /** 503: the secret store (keystore or Vault) could not be used. */
    public static final String SECRET_STORE_UNAVAILABLE = PREFIX + "secret-store-unavailable";
    /** 500: a fault of the coordinator; details are in its log, not in the answer. */
    public static final String INTERNAL = PREFIX + "internal";

    private ProblemTypes() {}
}
