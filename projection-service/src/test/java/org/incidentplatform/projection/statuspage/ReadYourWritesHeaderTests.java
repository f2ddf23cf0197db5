package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** How {@code X-Await-Version} reads, for every page that registers {@link ReadYourWrites}. */
class ReadYourWritesHeaderTests {

    @Test
    void listOfStreams_readsAsTheVersionEachMustReach() {
        assertThat(ReadYourWrites.parse(List.of("p7myq8bbtjz7=3, catalogue=12")))
                .containsExactly(Map.entry("p7myq8bbtjz7", 3L), Map.entry("catalogue", 12L));
    }

    @Test
    void streamNamedTwice_mustReachTheHigherVersion_acrossHeaderLines() {
        assertThat(ReadYourWrites.parse(List.of("inc-1=5,inc-2=1", "inc-1=2")))
                .containsExactly(Map.entry("inc-1", 5L), Map.entry("inc-2", 1L));
    }

    @Test
    void noHeader_asksForNothing() {
        assertThat(ReadYourWrites.parse(List.of())).isEmpty();
    }

    @Test
    void malformedValue_isABadRequestNamingTheHeader_andQuotingTheValue() {
        assertThatThrownBy(() -> ReadYourWrites.parse(List.of("inc-1=3", "inc-2=x")))
                .isInstanceOfSatisfying(MalformedAwaitVersionException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getBody().getProperties()).containsEntry("header", "X-Await-Version");
                    assertThat(e.getBody().getDetail()).contains("'inc-2=x'");
                });
    }
}
