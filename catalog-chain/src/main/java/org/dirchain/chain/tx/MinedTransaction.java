package org.dirchain.chain.tx;

import java.math.BigInteger;

/** A transaction that made it into a block with status success; handed to listeners (metrics, benches). */
public record MinedTransaction(String hash, String from, String to, String function, BigInteger gasUsed, long block) {}
