/** In-process and multi-process test ensembles and fault injection. */
package io.warden.testing;
