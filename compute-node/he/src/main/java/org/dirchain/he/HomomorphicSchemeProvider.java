package org.dirchain.he;

/**
 * {@link java.util.ServiceLoader} entry point of a scheme backend, listed in {@code
 * META-INF/services/org.dirchain.he.HomomorphicSchemeProvider}.
 */
public interface HomomorphicSchemeProvider {

  /** Lower-case scheme name, unique among providers. */
  String name();

  /** A scheme with the backend's default (secure) parameters. */
  HomomorphicScheme create();
}
