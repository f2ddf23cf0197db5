package org.incidentplatform.projection.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.security.SecurityConfiguration;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The history feeds, read back with the JDK's own XML parser as a feed reader would. */
@WebMvcTest(
        controllers = StatusPageController.class,
        properties = {
            "projection-service.page.name=Acme Cloud",
            "projection-service.page.url=https://status.example.com/"
        })
@Import({IncidentFeedTests.Given.class, SecurityConfiguration.class})
class IncidentFeedTests {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    @TestConfiguration(proxyBeanMethods = false)
    static class Given {

        /** Three incidents, one of them retracted; the newest has a message that is not markup. */
        @Bean
        GivenEvents incidentLog() {
            GivenEvents given = new GivenEvents().standardCatalogue();
            given.declared(
                            "inc-1",
                            "Login failures",
                            Impact.minor,
                            "Looking",
                            Map.of("web-app", ComponentStatus.degraded_performance))
                    .updated("Found it", IncidentStatus.identified, Map.of())
                    .resolved("Fixed the login service");
            given.declared("inc-oops", "Declared by mistake", Impact.critical, "Oops", Map.of())
                    .retracted();
            given.declared("inc-2", "Slow <API> & co", Impact.major, "<script>alert(1)</script> we're on it", Map.of());
            return given;
        }

        @Bean
        LiveStatus liveStatus(GivenEvents given) {
            return LiveStatus.of(Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC), given.events());
        }
    }

    @Autowired
    MockMvc http;

    @Autowired
    GivenEvents given;

    private static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder parser = factory.newDocumentBuilder();
        return parser.parse(new ByteArrayInputStream(body));
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && name.equals(element.getLocalName())
                    && Objects.equals(namespace, element.getNamespaceURI())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String namespace, String name) {
        return children(parent, namespace, name).get(0).getTextContent();
    }

    @Test
    void atom_listsIncidentsNewestFirst_withTheirLatestUpdate_andLinksToTheirTimeline() throws Exception {
        byte[] body = http.perform(get("/history.atom"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/atom+xml;charset=UTF-8"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=10, public"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        Element feed = xml(body).getDocumentElement();
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(text(feed, ATOM, "title")).isEqualTo("Acme Cloud incident history");
        assertThat(text(feed, ATOM, "id")).isEqualTo("https://status.example.com/history.atom");
        assertThat(children(feed, ATOM, "link"))
                .extracting(l -> l.getAttribute("rel") + " " + l.getAttribute("href"))
                .containsExactlyInAnyOrder(
                        "self https://status.example.com/history.atom", "alternate https://status.example.com/");
        assertThat(text(children(feed, ATOM, "author").get(0), ATOM, "name")).isEqualTo("Acme Cloud");
        Instant feedUpdated = Instant.parse(text(feed, ATOM, "updated"));

        List<Element> entries = children(feed, ATOM, "entry");
        assertThat(entries)
                .extracting(e -> text(e, ATOM, "title"))
                .containsExactly("Slow <API> & co", "Login failures");
        Element newest = entries.get(0);
        assertThat(text(newest, ATOM, "id")).isEqualTo("https://status.example.com/incidents/inc-2");
        assertThat(children(newest, ATOM, "link").get(0).getAttribute("href"))
                .isEqualTo("https://status.example.com/incidents/inc-2");
        assertThat(Instant.parse(text(newest, ATOM, "updated")))
                .isEqualTo(given.now())
                .isEqualTo(feedUpdated);
        Element content = children(newest, ATOM, "content").get(0);
        assertThat(content.getAttribute("type")).isEqualTo("html");
        assertThat(content.getTextContent())
                .as("the message is escaped inside the entry's HTML")
                .isEqualTo("<p><small>Mar 2, 2026, 09:10 UTC</small><br><strong>Investigating</strong> - "
                        + "&lt;script&gt;alert(1)&lt;/script&gt; we&#39;re on it</p>");
        assertThat(children(entries.get(1), ATOM, "content").get(0).getTextContent())
                .contains("<strong>Resolved</strong> - Fixed the login service");
        assertThat(Instant.parse(text(entries.get(1), ATOM, "updated")))
                .isEqualTo(Instant.parse("2026-03-02T09:07:00Z"));
    }

    @Test
    void rss_listsTheSameIncidents_asRss2() throws Exception {
        byte[] body = http.perform(get("/history.rss"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/rss+xml;charset=UTF-8"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        Element rss = xml(body).getDocumentElement();
        assertThat(rss.getTagName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        Element channel = children(rss, null, "channel").get(0);
        assertThat(text(channel, null, "title")).isEqualTo("Acme Cloud incident history");
        assertThat(text(channel, null, "link")).isEqualTo("https://status.example.com/");
        assertThat(children(channel, ATOM, "link").get(0).getAttribute("href"))
                .isEqualTo("https://status.example.com/history.rss");

        List<Element> items = children(channel, null, "item");
        assertThat(items).extracting(i -> text(i, null, "title")).containsExactly("Slow <API> & co", "Login failures");
        assertThat(items)
                .extracting(i -> text(i, null, "link"))
                .containsExactly(
                        "https://status.example.com/incidents/inc-2", "https://status.example.com/incidents/inc-1");
        assertThat(items)
                .extracting(i -> text(i, null, "guid"))
                .containsExactly(
                        "https://status.example.com/incidents/inc-2", "https://status.example.com/incidents/inc-1");
        assertThat(ZonedDateTime.parse(text(items.get(0), null, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant())
                .isEqualTo(given.now());
        assertThat(text(items.get(1), null, "description"))
                .contains("<strong>Resolved</strong> - Fixed the login service");
    }

    @Test
    void feeds_carryAnETag_andAnswer304WhileNothingChanged() throws Exception {
        for (String path : List.of("/history.atom", "/history.rss")) {
            String etag = http.perform(get(path)).andReturn().getResponse().getHeader(HttpHeaders.ETAG);
            assertThat(etag).isNotBlank();

            http.perform(get(path).header(HttpHeaders.IF_NONE_MATCH, etag))
                    .andExpect(status().isNotModified())
                    .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=10, public"));
        }
    }
}
