package org.incidentplatform.projection.page;

import java.util.ArrayList;
import java.util.List;

/**
 * A postmortem's Markdown body cut into the blocks a reader needs: headings, bullet lists and
 * paragraphs whose line breaks are kept. Only the structure is read; every character of the text
 * reaches the page as text (the template escapes it), so a body can never inject markup, and inline
 * Markdown such as {@code **bold**} simply shows as written.
 */
public final class MarkdownBlocks {

    public enum Kind {
        heading,
        list,
        paragraph
    }

    /** @param lines a heading's one line, a list's items, or a paragraph's lines */
    public record Block(Kind kind, List<String> lines) {

        public Block {
            lines = List.copyOf(lines);
        }

        public boolean heading() {
            return kind == Kind.heading;
        }

        public boolean list() {
            return kind == Kind.list;
        }

        public boolean paragraph() {
            return kind == Kind.paragraph;
        }
    }

    private MarkdownBlocks() {}

    static List<Block> of(String markdown) {
        List<Block> blocks = new ArrayList<>();
        if (markdown == null) {
            return blocks;
        }
        Kind open = null;
        List<String> lines = new ArrayList<>();
        for (String raw : markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String line = raw.strip();
            Kind kind;
            String text;
            if (line.isEmpty()) {
                kind = null;
                text = null;
            } else if (line.matches("#{1,6}\\s+.*")) {
                kind = Kind.heading;
                text = withoutClosingHashes(line.replaceFirst("^#{1,6}\\s+", ""));
            } else if (line.matches("[-*+]\\s+.*")) {
                kind = Kind.list;
                text = line.substring(1).strip();
            } else {
                kind = Kind.paragraph;
                text = line;
            }
            boolean continues = kind != null && kind == open && kind != Kind.heading;
            if (!continues && open != null) {
                blocks.add(new Block(open, lines));
                lines = new ArrayList<>();
                open = null;
            }
            if (kind != null) {
                open = kind;
                lines.add(text);
            }
        }
        if (open != null) {
            blocks.add(new Block(open, lines));
        }
        return blocks;
    }

    /**
     * A heading's text without its closing run of {@code #}s, when whitespace comes before the run
     * ({@code ## Impact ##}); {@code C#} keeps its {@code #}. Trimmed by hand, in one pass from the end: a
     * pattern such as {@code \s+#+$} tries every whitespace position and rescans the rest from each, which is
     * quadratic on a long run of spaces that ends in anything but {@code #}.
     */
    static String withoutClosingHashes(String text) {
        int hashes = text.length();
        while (hashes > 0 && text.charAt(hashes - 1) == '#') {
            hashes--;
        }
        if (hashes == text.length()) {
            return text;
        }
        int spaces = hashes;
        while (spaces > 0 && Character.isWhitespace(text.charAt(spaces - 1))) {
            spaces--;
        }
        return spaces == hashes ? text : text.substring(0, spaces);
    }
}
