"""The tools that exist, and which audience may use each (filtered before the model sees them)."""

from __future__ import annotations

from .base import ToolSpec
from .build_report import SPEC as BUILD_REPORT
from .candidate import CANDIDATE_TOOLS
from .candidate_requests import SPEC_STAFF as CANDIDATE_REQUESTS
from .competency_changes import SPEC_DECIDE as DECIDE_PROPOSAL
from .competency_changes import SPEC_PROPOSE as PROPOSE_COMPETENCY_CHANGES
from .competency_insights import SPEC as COMPETENCY_INSIGHTS
from .competency_outcome import SPEC as PROPOSAL_OUTCOME
from .draft_feedback import SPEC as DRAFT_FEEDBACK
from .draft_feedback import SPEC_REVIEW as REVIEW_FEEDBACK
from .failure_stats import SPEC as FAILURE_STATS
from .fairness_audit import SPEC as FAIRNESS_AUDIT
from .monitoring import SPEC as MONITOR_COMPETENCIES
from .predict_performance import SPEC as PREDICT_PERFORMANCE
from .predict_performance import SPEC_ATTRITION as ATTRITION_RISK
from .score_interview import SPEC as SCORE_INTERVIEW
from .search_role_profiles import SPEC as SEARCH_ROLE_PROFILES

ALL_TOOLS: tuple[ToolSpec, ...] = (FAILURE_STATS, FAIRNESS_AUDIT,
                                   COMPETENCY_INSIGHTS, PROPOSE_COMPETENCY_CHANGES, DECIDE_PROPOSAL, PROPOSAL_OUTCOME,
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
