/**
 * The owner's release policy applied to a query: the checks that the coordinator runs before a job
 * goes on chain and that every node runs again itself before it shares a masking key.
 */
package org.dirchain.node.policy;
