/** Recipes on the framework: locks, leader election, discovery, barriers, counters, nodes. */
package io.warden.recipes;
