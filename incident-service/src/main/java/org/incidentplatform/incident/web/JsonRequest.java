package org.incidentplatform.incident.web;

/** Marks the records this API reads request bodies into, which are read strictly (see {@link WebConfiguration}). */
interface JsonRequest {
}
