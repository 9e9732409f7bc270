package clinic.complaint.api;

import java.util.List;

/** One page of a case list, newest first, with how many cases match in all. */
public record ComplaintPage(List<ComplaintSummary> items, int page, int size, long total) {
}
