"""The domain model of DESIGN.md (SQLModel). Import tables from here."""

from candor.models.interviews import (
                         DECIDED_OUTCOMES,
                         EXCLUDED_OUTCOMES,
                         Answer,
                         CompetencyScore,
                         FailureCategory,
                         FailureDaily,
                         FailureReason,
                         Interview,
                         InterviewPublic,
                         Outcome,
)
from candor.models.people import (
                         Candidate,
                         CandidatePublic,
                         Demographics,
                         Employee,
                         PerformanceRecord,
)
from candor.models.roles import (
                         Competency,
                         CompetencyModel,
                         CompetencyWeight,
                         PerformanceMetric,
                         Question,
                         Role,
                         RolePublic,
)
from candor.models.workflow import (
                         AuditEvent,
                         CandidateLink,
                         CandidateRequest,
                         CompetencyChangeProposal,
                         Conversation,
                         FairnessAuditRun,
                         FeedbackDraft,
                         Job,
                         Message,
                         RateCounter,
                         SlackDelivery,
)

__all__ = [
    "Answer", "AuditEvent", "DECIDED_OUTCOMES", "EXCLUDED_OUTCOMES", "Candidate", "CandidateLink", "CandidateRequest", "CandidatePublic", "Competency", "CompetencyChangeProposal",
    "CompetencyModel", "CompetencyScore", "CompetencyWeight", "Conversation", "Demographics", "Employee",
    "FairnessAuditRun",
    "FailureCategory", "FailureDaily", "FailureReason", "FeedbackDraft", "Interview", "InterviewPublic", "Job", "Message",
    "Outcome", "PerformanceMetric", "PerformanceRecord", "Question", "RateCounter", "Role", "RolePublic",
    "SlackDelivery",
]
