package org.incidentplatform.projection.page;

/**
 * The page's public name and the address readers reach it at, for titles and for the absolute links
 * feeds need.
 *
 * @param url without a trailing slash
 */
public record PageSite(String name, String url) {

    public PageSite {
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** @param path starting with {@code /} */
    public String url(String path) {
        return url + path;
    }
}
