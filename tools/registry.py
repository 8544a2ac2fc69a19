"""The tools that exist, and which audience may use each (filtered before the model sees them)."""

from __future__ import annotations

from tools.base import ToolSpec
from tools.candidate.own import CANDIDATE_TOOLS
from tools.candidate.requests import SPEC_STAFF as CANDIDATE_REQUESTS
from tools.competency.insights import SPEC as COMPETENCY_INSIGHTS
from tools.competency.monitoring import SPEC as MONITOR_COMPETENCIES
from tools.competency.outcomes import SPEC as PROPOSAL_OUTCOME
from tools.competency.proposals import SPEC_DECIDE as DECIDE_PROPOSAL
from tools.competency.proposals import SPEC_PROPOSE as PROPOSE_COMPETENCY_CHANGES
from tools.competency.review import SPEC as REVIEW_PROPOSALS
from tools.failure_stats import SPEC as FAILURE_STATS
from tools.fairness.audit import SPEC as FAIRNESS_AUDIT
from tools.feedback.draft import SPEC as DRAFT_FEEDBACK
from tools.feedback.draft import SPEC_REVIEW as REVIEW_FEEDBACK
from tools.prediction.attrition import SPEC as ATTRITION_RISK
from tools.prediction.predict import SPEC as PREDICT_PERFORMANCE
from tools.reports.build import SPEC as BUILD_REPORT
from tools.role_profiles.search import SPEC as SEARCH_ROLE_PROFILES
from tools.scoring.tool import SPEC as SCORE_INTERVIEW

ALL_TOOLS: tuple[ToolSpec, ...] = (FAILURE_STATS, FAIRNESS_AUDIT,
                                   COMPETENCY_INSIGHTS, PROPOSE_COMPETENCY_CHANGES, REVIEW_PROPOSALS, DECIDE_PROPOSAL,
                                   PROPOSAL_OUTCOME,
                                   MONITOR_COMPETENCIES, PREDICT_PERFORMANCE, ATTRITION_RISK, BUILD_REPORT,
                                   SEARCH_ROLE_PROFILES, SCORE_INTERVIEW, DRAFT_FEEDBACK, REVIEW_FEEDBACK, CANDIDATE_REQUESTS,
                                   *CANDIDATE_TOOLS)


def tools_for(audience: str) -> tuple[ToolSpec, ...]:
    return tuple(t for t in ALL_TOOLS if audience in t.audiences)


def get_tool(name: str) -> ToolSpec:
    for spec in ALL_TOOLS:
        if spec.name == name:
            return spec
    raise KeyError(name)
