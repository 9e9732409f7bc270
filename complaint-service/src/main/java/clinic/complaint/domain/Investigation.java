package clinic.complaint.domain;

import clinic.complaint.domain.Complaint.Evidence;
import clinic.complaint.domain.Complaint.ThirdPartyAssessment;

import java.util.List;

/** What the case gathered: its evidence, and the latest third-party assessment (null: none requested). */
public record Investigation(List<Evidence> evidence, ThirdPartyAssessment thirdPartyAssessment) {

    /** Nothing gathered yet. */
    static final Investigation NONE = new Investigation(List.of(), null);

    public Investigation {
        evidence = List.copyOf(evidence);
    }

    Investigation withEvidence(Evidence added) {
        return new Investigation(Complaint.appended(evidence, added), thirdPartyAssessment);
    }

    Investigation withThirdPartyAssessment(ThirdPartyAssessment latest) {
        return new Investigation(evidence, latest);
    }
}
