package org.incidentplatform.projection.page;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;

/**
 * The incident history as Statuspage shows it at {@code /history}: whole UTC months, newest first,
 * {@value #MONTHS_PER_PAGE} to a page, from the current month back to the month the oldest incident
 * began (back-filled incidents included: this is where readers find them). A month without incidents
 * is listed and says so. Templates reach it as {@code history}.
 *
 * @param months newest first, each with its incidents newest first
 * @param page   from 1, the page with the current month
 * @param pages  how many pages there are, at least 1
 */
public record IncidentHistory(List<Month> months, int page, int pages) {

    static final int MONTHS_PER_PAGE = 3;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    /** @param incidents by the time their impact began, newest first */
    public record Month(YearMonth month, String label, List<Incident> incidents) {

        public Month {
            incidents = List.copyOf(incidents);
        }
    }

    public IncidentHistory {
        months = List.copyOf(months);
    }

    /** The page of older months, or null on the last page. */
    public Integer older() {
        return page < pages ? page + 1 : null;
    }

    /** The page of newer months, or null on the first. */
    public Integer newer() {
        return page > 1 ? page - 1 : null;
    }

    /** How many pages the history of this snapshot has when {@code current} is this month. */
    static int pages(StatusSnapshot snapshot, YearMonth current) {
        return (int)
                Math.min(Integer.MAX_VALUE, (monthsShown(snapshot, current) + MONTHS_PER_PAGE - 1) / MONTHS_PER_PAGE);
    }

    /** @param page from 1 to {@link #pages}, as the caller has checked */
    static IncidentHistory of(StatusSnapshot snapshot, YearMonth current, int page) {
        long shown = monthsShown(snapshot, current);
        int pages = (int) Math.min(Integer.MAX_VALUE, (shown + MONTHS_PER_PAGE - 1) / MONTHS_PER_PAGE);
        if (page < 1 || page > pages) {
            throw new IllegalArgumentException("page must be from 1 to " + pages + ", not " + page);
        }
        long first = (long) (page - 1) * MONTHS_PER_PAGE;
        Map<YearMonth, List<Incident>> byMonth = new LinkedHashMap<>();
        for (long back = first; back < first + MONTHS_PER_PAGE && back < shown; back++) {
            byMonth.put(current.minusMonths(back), new ArrayList<>());
        }
        for (Incident incident : snapshot.incidents()) {
            List<Incident> ofMonth = byMonth.get(month(incident));
            if (ofMonth != null) {
                ofMonth.add(incident);
            }
        }
        List<Month> months = new ArrayList<>();
        byMonth.forEach((month, incidents) -> months.add(new Month(month, MONTH.format(month), incidents)));
        return new IncidentHistory(months, page, pages);
    }

    /** From the current month back to the oldest incident's, both included. */
    private static long monthsShown(StatusSnapshot snapshot, YearMonth current) {
        YearMonth oldest = current;
        for (Incident incident : snapshot.incidents()) {
            YearMonth began = month(incident);
            if (began.isBefore(oldest)) {
                oldest = began;
            }
        }
        return ChronoUnit.MONTHS.between(oldest, current) + 1;
    }

    private static YearMonth month(Incident incident) {
        return YearMonth.from(LocalDate.ofInstant(incident.startedAt(), ZoneOffset.UTC));
    }
}
