package org.dirchain.node.privacy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link java.security.SecureRandom} that refuses to hand out floating-point randomness
 * (Gaussian, double, float): code given it can only draw uniform bits. Counts the bytes drawn.
 */
public final class IntegerOnlyRandom extends java.security.SecureRandom {
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public void nextBytes(byte[] out) {
        bytes.addAndGet(out.length);
        super.nextBytes(out);
    }

    @Override
    public synchronized double nextGaussian() {
        throw new AssertionError("floating-point Gaussian noise drawn");
    }

    @Override
    public double nextDouble() {
        throw new AssertionError("a floating-point uniform drawn");
    }

    @Override
    public float nextFloat() {
        throw new AssertionError("a floating-point uniform drawn");
    }

    public long bytesDrawn() {
        return bytes.get();
    }
}
