package clinic.hq.domain;

import java.time.Instant;
import java.util.UUID;

/** What HQ keeps of a satisfaction survey's events (followup-events): never the comment, only whether there is one. */
public sealed interface SurveyFact {

    UUID surveyId();

    record Scheduled(UUID surveyId, UUID complaintId, String branchId, Instant scheduledAt) implements SurveyFact {
        public Scheduled {
            Codes.required("surveyId", surveyId);
            Codes.required("complaintId", complaintId);
            Codes.branch(branchId);
            Codes.required("scheduledAt", scheduledAt);
        }
    }

    record Sent(UUID surveyId, Instant sentAt) implements SurveyFact {
        public Sent {
            Codes.required("surveyId", surveyId);
            Codes.required("sentAt", sentAt);
        }
    }

    record Answered(UUID surveyId, int csat, int nps, Instant answeredAt) implements SurveyFact {
        public Answered {
            Codes.required("surveyId", surveyId);
            Codes.required("answeredAt", answeredAt);
            if (csat < 1 || csat > 5) {
                throw new IllegalArgumentException("csat must be 1 to 5");
            }
            if (nps < 0 || nps > 10) {
                throw new IllegalArgumentException("nps must be 0 to 10");
            }
        }
    }

    /** Expired unanswered, or cancelled before it was answered. */
    record Ended(UUID surveyId, String how, Instant at) implements SurveyFact {
        public Ended {
            Codes.required("surveyId", surveyId);
            Codes.code("how", how);
            Codes.required("at", at);
        }
    }

    record Step(UUID surveyId, String type, Instant at) implements SurveyFact {
        public Step {
            Codes.required("surveyId", surveyId);
            Codes.eventType(type);
            Codes.required("at", at);
        }
    }
}
