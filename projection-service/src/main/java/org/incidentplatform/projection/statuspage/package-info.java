/**
 * Atlassian Statuspage's public v2 API ({@code /api/v2/summary.json}, {@code status.json},
 * {@code components.json}, {@code incidents.json}, {@code incidents/unresolved.json},
 * {@code scheduled-maintenances.json}, {@code …/upcoming.json}, {@code …/active.json}) with
 * Statuspage's object shapes and field names, so existing widgets and clients read this page unchanged.
 *
 * <p><b>Fast reads.</b> Each answer is serialised once per status snapshot and served as bytes with a
 * strong {@code ETag} (a hash of those bytes; {@code If-None-Match} gets 304) and
 * {@code Cache-Control: public, max-age=<projection-service.cache-max-age>}. CORS allows any origin:
 * Statuspage widgets run on other sites. A plain GET or HEAD of these documents and of the status page
 * never reaches Spring's chain: {@link org.incidentplatform.projection.statuspage.PreparedReads}, the
 * first filter, answers it from the same bytes and headers.
 *
 * <p><b>Freshness.</b> {@code X-Data-As-Of} says when this instance last knew it had the whole log, so
 * a client can tell a page served while Kafka is away from a current one.
 *
 * <p><b>Read-your-writes.</b> {@link org.incidentplatform.projection.statuspage.ReadYourWrites}: a
 * read may name the versions it needs in {@code X-Await-Version}; it then waits asynchronously (no
 * request thread held), with at most {@code projection-service.read-your-writes-max-waiters} waiting at
 * once, and not at all for a stream this instance has never seen.
 *
 * <p><b>Before the first catch-up</b> every endpoint answers 503 with {@code Retry-After} and
 * {@code Cache-Control: no-store}, rather than what has been replayed so far: during a rebuild
 * the partial status would usually read "All Systems Operational", the one thing a status page must
 * not say by mistake, and a cache could keep that answer. Once caught up, an instance keeps answering
 * from its last state whatever happens to Kafka, with {@code X-Data-As-Of} telling how old it is.
 */
package org.incidentplatform.projection.statuspage;
