package org.dirchain.coordinator.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a request body larger than {@code maxBytes} with 413 before anything parses it: a
 * declared {@code Content-Length} over the limit is refused unread; a body of unknown length
 * (chunked) is read up to one byte past the limit and refused there, so no more than the limit is
 * ever held. Without this Jackson would build whatever a client sends (a 5-million-value IN list)
 * in memory before validation could refuse it.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBodyLimitFilter.class);

    private final long maxBytes;
    private final HandlerExceptionResolver problems;

    public RequestBodyLimitFilter(long maxBytes, HandlerExceptionResolver problems) {
        if (maxBytes <= 0 || maxBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max request body must be 1 B to 2 GiB, got " + maxBytes + " B");
        }
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response, declared + " B declared");
            return;
        }
        HttpServletRequest passed = request;
        if (declared < 0) {
            byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
            if (body.length > maxBytes) {
                refuse(request, response, "over " + maxBytes + " B sent without a length");
                return;
            }
            if (body.length > 0) {
                passed = new BufferedBodyRequest(request, body);
            }
        }
        chain.doFilter(passed, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String size) {
        LOG.info("request body refused size=\"{}\" limit={} path={}", size, maxBytes, request.getRequestURI());
        problems.resolveException(request, response, null, ApiProblemException.payloadTooLarge(maxBytes));
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while (out.size() < limit && (n = in.read(chunk, 0, (int) Math.min(chunk.length, limit - out.size()))) != -1) {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** A request whose body of unknown length was read here, under the limit: served from memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                // Non-blocking reads are for async servlets; the API's controllers read the body blocking.
                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already; read it blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
