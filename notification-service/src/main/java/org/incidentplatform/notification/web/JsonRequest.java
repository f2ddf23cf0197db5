package org.incidentplatform.notification.web;

/** Marks the records this API reads request bodies into, which are read strictly (see {@link WebConfiguration}). */
public interface JsonRequest {
}
