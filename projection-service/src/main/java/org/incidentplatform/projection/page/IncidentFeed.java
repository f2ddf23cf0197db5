package org.incidentplatform.projection.page;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;
import org.incidentplatform.projection.status.StatusSnapshot.Update;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The incident history as Atom 1.0 and RSS 2.0, as Statuspage publishes both: incidents newest first,
 * each with its latest update as content (HTML, as feed readers expect it) and a link to its
 * timeline. Written with the JDK's StAX writer, so every value is escaped as XML.
 */
final class IncidentFeed {

    static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    /** Readers rarely want more; the page and the API hold the rest. */
    static final int ENTRIES = 50;

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Wording words = new Wording();
    private final UtcTimes times = new UtcTimes();

    String atom(StatusSnapshot snapshot, PageSite site) {
        List<Incident> incidents = entries(snapshot);
        return write(xml -> {
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM_NS);
            xml.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", "en");
            element(xml, "id", site.url("/history.atom"));
            element(xml, "title", site.name() + " incident history");
            element(xml, "updated", rfc3339(updated(snapshot, incidents)));
            link(xml, "self", "application/atom+xml", site.url("/history.atom"));
            link(xml, "alternate", "text/html", site.url("/"));
            xml.writeStartElement("author");
            element(xml, "name", site.name());
            xml.writeEndElement();
            for (Incident incident : incidents) {
                xml.writeStartElement("entry");
                element(xml, "id", site.url(incidentPath(incident)));
                element(xml, "title", incident.name());
                element(xml, "published", rfc3339(incident.createdAt()));
                element(xml, "updated", rfc3339(incident.updatedAt()));
                link(xml, "alternate", "text/html", site.url(incidentPath(incident)));
                xml.writeStartElement("content");
                xml.writeAttribute("type", "html");
                xml.writeCharacters(text(latestUpdateHtml(incident)));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    String rss(StatusSnapshot snapshot, PageSite site) {
        List<Incident> incidents = entries(snapshot);
        return write(xml -> {
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("atom", ATOM_NS);
            xml.writeStartElement("channel");
            element(xml, "title", site.name() + " incident history");
            element(xml, "link", site.url("/"));
            element(xml, "description", "Incidents reported on the " + site.name() + " status page");
            element(xml, "language", "en");
            element(xml, "lastBuildDate", RFC_822.format(updated(snapshot, incidents)));
            xml.writeEmptyElement("atom", "link", ATOM_NS);
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("type", "application/rss+xml");
            xml.writeAttribute("href", site.url("/history.rss"));
            for (Incident incident : incidents) {
                xml.writeStartElement("item");
                element(xml, "title", incident.name());
                element(xml, "description", latestUpdateHtml(incident));
                element(xml, "pubDate", RFC_822.format(incident.updatedAt()));
                element(xml, "link", site.url(incidentPath(incident)));
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "true");
                xml.writeCharacters(text(site.url(incidentPath(incident))));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    static String incidentPath(Incident incident) {
        return "/incidents/" + UriUtils.encodePathSegment(incident.id(), StandardCharsets.UTF_8);
    }

    private static List<Incident> entries(StatusSnapshot snapshot) {
        return snapshot.incidents().stream().limit(ENTRIES).toList();
    }

    /** The latest change among the entries; the log's latest event for an empty feed (a date is required). */
    private static Instant updated(StatusSnapshot snapshot, List<Incident> incidents) {
        return incidents.stream()
                .map(Incident::updatedAt)
                .max(Comparator.naturalOrder())
                .or(() -> Optional.ofNullable(snapshot.lastEventAt()))
                .orElse(Instant.EPOCH);
    }

    /** Statuspage's entry body: when, the status in bold, then the message; every value HTML-escaped. */
    private String latestUpdateHtml(Incident incident) {
        if (incident.updates().isEmpty()) {
            return "";
        }
        Update<IncidentStatus> latest = incident.updates().get(0);
        return "<p><small>" + HtmlUtils.htmlEscape(times.text(latest.createdAt())) + "</small><br><strong>"
                + HtmlUtils.htmlEscape(words.incidentStatus(latest.status())) + "</strong> - "
                + HtmlUtils.htmlEscape(latest.body() == null ? "" : latest.body())
                        .replace("\n", "<br>") + "</p>";
    }

    private static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", text(href));
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text(value));
        xml.writeEndElement();
    }

    /** Drops characters XML 1.0 cannot carry at all (escaping cannot help them), so one bad message cannot break the feed. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(value.length());
        value.codePoints().filter(IncidentFeed::allowedInXml).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9
                || c == 0xA
                || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private interface Body {
        void writeTo(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            body.writeTo(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the incident feed", e);
        }
        return out.toString();
    }
}
