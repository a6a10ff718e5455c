/**
 * CuratorCache (on persistent recursive watches) and its listener builder, with the listener types of
 * the older PathChildrenCache, TreeCache and NodeCache so their users can bridge to it. Lives in the
 * framework module because the framework issue owns caches; the package follows the import-mapping table.
 */
package io.warden.recipes.cache;
