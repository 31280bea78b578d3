package org.dirchain.node.train;

/** A client's successful local update in one round. */
public record ClientResult(String clientId, LocalUpdate update) {}
