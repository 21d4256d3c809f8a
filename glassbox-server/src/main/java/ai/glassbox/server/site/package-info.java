/**
 * The evidence dashboard: static pages and scripts that read the ledger's JSON API under
 * {@code /api}, with the chart library bundled, so the site works offline.
 */
package ai.glassbox.server.site;
