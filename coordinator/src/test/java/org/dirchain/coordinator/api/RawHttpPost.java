package org.dirchain.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 POST on a plain socket, for what {@link java.net.http.HttpClient} cannot show: the
 * answer to a huge body while the client is still sending it (HttpClient fails the exchange when
 * the server stops reading), and {@code Expect: 100-continue} answered with a final status (JDK 17's
 * HttpClient waits for a 100 that never comes).
 */
final class RawHttpPost {
    /** The first answer on the connection: a 100 here means the server asked for the body. */
    record Answer(int status, String contentType, JsonNode json) {}

    private RawHttpPost() {}

    /**
     * Sends the headers, then the body from another thread unless {@code expectContinue} (then the
     * body is never sent: the test only wants the server's first answer), and reads the first answer.
     */
    static Answer post(int port, String path, String apiKey, byte[] body, boolean expectContinue) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer " + apiKey + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, application/problem+json\r\nContent-Length: " + body.length + "\r\n"
                    + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!expectContinue) {
                Thread writer = new Thread(() -> {
                    try {
                        out.write(body);
                        out.flush();
                    } catch (IOException closedByTheServer) {
                        // expected: the server answered and stopped reading
                    }
                }, "raw-http-body");
                writer.setDaemon(true);
                writer.start();
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String headers = headers(in);
        String[] lines = headers.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            String value = lines[i].substring(lines[i].indexOf(':') + 1).trim();
            if (line.startsWith("content-type:")) {
                contentType = value;
            } else if (line.startsWith("content-length:")) {
                length = Long.parseLong(value);
            } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; line(in)) {
                body.write(in.readNBytes(size));
            }
        } else if (length > 0) {
            body.write(in.readNBytes((int) length));
        }
        JsonNode json = body.size() == 0 ? ApiClient.JSON.missingNode() : ApiClient.JSON.readTree(body.toByteArray());
        return new Answer(status, contentType, json);
    }

    private static String headers(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line; !(line = line(in)).isEmpty(); ) {
            text.append(line).append("\r\n");
        }
        return text.toString();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b == -1) {
                throw new IOException("the connection closed mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
