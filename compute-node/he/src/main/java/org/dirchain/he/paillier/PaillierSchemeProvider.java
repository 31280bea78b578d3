package org.dirchain.he.paillier;

import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.HomomorphicSchemeProvider;

/** ServiceLoader entry for {@link PaillierScheme} with default parameters. */
public final class PaillierSchemeProvider implements HomomorphicSchemeProvider {

  @Override
  public String name() {
    return PaillierScheme.NAME;
  }

  @Override
  public HomomorphicScheme create() {
    return new PaillierScheme();
  }
}
