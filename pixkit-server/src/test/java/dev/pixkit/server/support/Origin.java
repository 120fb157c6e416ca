package dev.pixkit.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A local origin for remote-URL uploads: the JDK's HTTP(S) server on a loopback address, with handlers per path and
 * a log of the requests it got ({@code "GET /path"}).
 */
public final class Origin implements AutoCloseable {
    /** What a path answers. */
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private Origin(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** HTTP on {@code address} (e.g. {@code 127.0.0.1}, {@code 127.0.0.2}), any free port. */
    public static Origin http(String address) {
        try {
            return new Origin(HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 50));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Origin https(String address, SSLContext tls) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 50);
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new Origin(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Origin on(String path, Handler handler) {
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            try (exchange) {
                handler.handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (a timeout test): nothing to answer
            }
        });
        return this;
    }

    /** {@code bytes} with a Content-Length. */
    public Origin serve(String path, byte[] bytes) {
        return on(path, x -> {
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
        });
    }

    /** {@code bytes} chunked (no Content-Length), written in several pieces. */
    public Origin serveChunked(String path, byte[] bytes) {
        return on(path, x -> {
            x.sendResponseHeaders(200, 0);
            for (int off = 0; off < bytes.length; off += 1000) {
                x.getResponseBody().write(bytes, off, Math.min(1000, bytes.length - off));
                x.getResponseBody().flush();
            }
        });
    }

    /** A redirect to {@code location}; none when it is null. */
    public Origin redirect(String path, int status, String location) {
        return on(path, x -> {
            if (location != null) {
                x.getResponseHeaders().add("Location", location);
            }
            x.sendResponseHeaders(status, -1);
        });
    }

    public Origin status(String path, int status) {
        return on(path, x -> {
            byte[] body = ("status " + status).getBytes();
            x.sendResponseHeaders(status, body.length);
            x.getResponseBody().write(body);
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<host>:<port><path>} (https for an HTTPS origin). */
    public String url(String host, String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://" + host + ":" + port() + path;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
