package org.dirchain.he;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds scheme backends on the class path by name, e.g. {@code byName("paillier")}. */
public final class HomomorphicSchemes {

  private HomomorphicSchemes() {}

  /**
   * Creates the named scheme with its default parameters.
   *
   * @throws UnknownSchemeException if no provider of that name is on the class path
   */
  public static HomomorphicScheme byName(String name) {
    Map<String, HomomorphicSchemeProvider> providers = providers();
    HomomorphicSchemeProvider provider = providers.get(name.toLowerCase(Locale.ROOT));
    if (provider == null) {
      throw new UnknownSchemeException(
          "no homomorphic scheme named '" + name + "'; available: " + providers.keySet());
    }
    return provider.create();
  }

  /** Names of all schemes on the class path, sorted. */
  public static Set<String> names() {
    return providers().keySet();
  }

  private static Map<String, HomomorphicSchemeProvider> providers() {
    Map<String, HomomorphicSchemeProvider> byName = new TreeMap<>();
    for (HomomorphicSchemeProvider provider :
        ServiceLoader.load(HomomorphicSchemeProvider.class, HomomorphicSchemes.class.getClassLoader())) {
      byName.putIfAbsent(provider.name().toLowerCase(Locale.ROOT), provider);
    }
    return byName;
  }
}
