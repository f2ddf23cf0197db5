package org.incidentplatform.service.web;

/** Marks the records this API reads request bodies into, which are read strictly (see {@link StrictRequestBodies}). */
public interface JsonRequest {}
