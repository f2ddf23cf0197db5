package org.incidentplatform.projection.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.incidentplatform.projection.page.MarkdownBlocks.Block;
import org.incidentplatform.projection.page.MarkdownBlocks.Kind;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTests {

    @Test
    void blankLinesSeparateParagraphs_andLinesWithinOneAreKept() {
        assertThat(MarkdownBlocks.of("first line\r\nsecond line\n\n\nnext paragraph"))
                .containsExactly(
                        new Block(Kind.paragraph, List.of("first line", "second line")),
                        new Block(Kind.paragraph, List.of("next paragraph")));
    }

    @Test
    void headingsAndBulletsAreBlocksOfTheirOwn() {
        assertThat(MarkdownBlocks.of("## Impact ##\nUsers could not log in\n- one\n* two\n# Next"))
                .containsExactly(
                        new Block(Kind.heading, List.of("Impact")),
                        new Block(Kind.paragraph, List.of("Users could not log in")),
                        new Block(Kind.list, List.of("one", "two")),
                        new Block(Kind.heading, List.of("Next")));
    }

    @Test
    void closingHashes_areDroppedOnlyAfterWhitespace() {
        assertThat(MarkdownBlocks.of("# Upgrade to C#\n### Impact \t###\n# ##"))
                .containsExactly(
                        new Block(Kind.heading, List.of("Upgrade to C#")),
                        new Block(Kind.heading, List.of("Impact")),
                        new Block(Kind.heading, List.of("##")));
    }

    /** {@code \s+#+$} took quadratic time on such a line, on every uncached read of the incident. */
    @Test
    void headingWithAVeryLongRunOfSpaces_isReadAsWritten() {
        String spaces = " ".repeat(60_000);

        assertThat(MarkdownBlocks.of("# a" + spaces + "b\n# c" + spaces + "#"))
                .containsExactly(
                        new Block(Kind.heading, List.of("a" + spaces + "b")), new Block(Kind.heading, List.of("c")));
    }

    @Test
    void markupIsKeptAsText_forTheTemplateToEscape() {
        assertThat(MarkdownBlocks.of("<script>x</script> **bold**"))
                .containsExactly(new Block(Kind.paragraph, List.of("<script>x</script> **bold**")));
    }

    @Test
    void nothingGivesNoBlocks() {
        assertThat(MarkdownBlocks.of(null)).isEmpty();
        assertThat(MarkdownBlocks.of(" \n\n ")).isEmpty();
    }
}
