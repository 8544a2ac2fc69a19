"""The demo company's planted cases (DESIGN.md "Demo data") as parameters.

Every rate here is dealt by quota in time order (see `quota.py`), so it holds in any window of
consecutive interviews, not only on average.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

PASS = "pass"

# Shares of all interviews / candidates that are not part of a planted case.
BEHAVIOUR_SHARE = 0.03  # behaviour inconsistencies: a person reviews them, never an automatic reject
SECOND_GAP_SHARE = 0.25  # failures that also miss one more (unprotected) competency
REAPPLY_SHARE = 0.46  # of candidates who did not pass and have >= REAPPLY_MIN_DAYS of history left
REAPPLY_MIN_DAYS, REAPPLY_MAX_DAYS = 95, 200  # >= 3 calendar months later
DEMOGRAPHICS_SHARE = 0.92  # the rest never answered the voluntary questionnaire
ZH_SHARE = 0.60
FACE_CONSENT_SHARE = 0.50
HIRE_SHARE = 1.0  # of passed (and override-eligible) interviews hired, before the per-role cap
MAX_HIRES_PER_ROLE = 400  # keeps performance records small for big runs
BASE_LEAVE_SHARE = 0.08  # baseline new-hire attrition
LEAVE_MIN_TENURE_DAYS = 60  # nobody is counted as a leaver before two months were possible
ANSWERS_MAX_CANDIDATES = 20_000  # answers (transcripts) only for demo-sized runs


@dataclass(frozen=True)
class FailureKind:
    """One way to fail a role's interview: the competencies under their minimum and the background."""

    key: str
    gaps: tuple[str, ...] = ()
    job_match: bool = False  # background below the role's minimum role match
    internet: bool | None = None  # True: the old Product Operations persona; False: never internet
    keep_skills: tuple[str, ...] | None = None  # required skills a job-match failure still has
    ranges: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # competency -> (low, high, mode)
    second_gap: bool = True
    override_hire: bool = False  # hired anyway (Product R&D: technical strength over teamwork)


@dataclass(frozen=True)
class Regime:
    failure_rate: float
    kinds: dict[str, float]  # failure kind -> share among failures


@dataclass(frozen=True)
class RolePlan:
    key: str
    kinds: tuple[FailureKind, ...]
    regime: Regime
    recent: Regime | None = None  # applies to interviews in the last `recent_days`
    recent_days: int = 0
    protected: tuple[str, ...] = ()  # never picked as a secondary gap, so planted shares stay exact
    pass_internet_share: float = 0.10  # passed candidates with an internet background
    age_bands: dict[str, float] | None = None  # the role's applicant age mix, when it differs from the pool's
    # attribute -> group -> relative first-interview pass rate (see profiles.py); empty: no group differences
    pass_factors: dict[str, dict[str, float]] = field(default_factory=dict)

    def kind(self, key: str) -> FailureKind:
        return next(k for k in self.kinds if k.key == key)

    def regime_at(self, when: datetime, now: datetime) -> Regime:
        if self.recent is not None and when >= now - timedelta(days=self.recent_days):
            return self.recent
        return self.regime


def _gap(key: str, competency: str, **kw) -> FailureKind:
    return FailureKind(key=key, gaps=(competency,), **kw)


JOB_MATCH = FailureKind("job_match", job_match=True)

PLANS: dict[str, RolePlan] = {p.key: p for p in [
    # 1. The quarter looks bad: 50 % failures over the last ~3.5 months against 25 % before, and
    #    event execution is the top failing competency (80 % of recent failures).
    RolePlan(
        key="marketing_planner",
        kinds=(_gap("event_execution", "event_execution", ranges={"event_execution": (50, 74, 66)}),
               _gap("creative_planning", "creative_planning"), _gap("data_analysis", "data_analysis"),
               _gap("communication", "communication"), JOB_MATCH),
        regime=Regime(0.25, {"event_execution": 0.40, "creative_planning": 0.20, "data_analysis": 0.15,
                             "communication": 0.15, "job_match": 0.10}),
        recent=Regime(0.50, {"event_execution": 0.80, "creative_planning": 0.07, "data_analysis": 0.05,
                             "communication": 0.04, "job_match": 0.04}),
        recent_days=107, protected=("event_execution",)),
    # 2. Team management predicts production efficiency (r 0.85; see METRIC_LINKS).
    RolePlan(
        key="production_supervisor",
        kinds=(_gap("team_management", "team_management"), _gap("technical_expertise", "technical_expertise"),
               _gap("cost_control", "cost_control"), _gap("safety_compliance", "safety_compliance"), JOB_MATCH),
        regime=Regime(0.33, {"team_management": 0.25, "technical_expertise": 0.30, "cost_control": 0.25,
                             "safety_compliance": 0.10, "job_match": 0.10})),
    # 3. 60 % of failures have the old internet persona yet miss user-needs insight.
    RolePlan(
        key="product_operations",
        kinds=(_gap("old_persona", "user_needs_insight", internet=True),
               _gap("user_needs_insight", "user_needs_insight", internet=False),
               _gap("data_driven_operations", "data_driven_operations", internet=False),
               _gap("content_operations", "content_operations", internet=False),
               _gap("cross_team_collaboration", "cross_team_collaboration", internet=False),
               FailureKind("job_match", job_match=True, internet=False)),
        regime=Regime(0.33, {"old_persona": 0.60, "user_needs_insight": 0.04, "data_driven_operations": 0.12,
                             "content_operations": 0.10, "cross_team_collaboration": 0.10, "job_match": 0.04}),
        pass_internet_share=0.35),
    # 4. 40 % failures in every period, 70 % of them on equipment troubleshooting.
    RolePlan(
        key="field_technician",
        kinds=(_gap("equipment_troubleshooting", "equipment_troubleshooting"),
               _gap("safety_procedures", "safety_procedures"), _gap("maintenance_planning", "maintenance_planning"),
               _gap("communication", "communication"), JOB_MATCH),
        regime=Regime(0.40, {"equipment_troubleshooting": 0.70, "safety_procedures": 0.10,
                             "maintenance_planning": 0.08, "communication": 0.06, "job_match": 0.06}),
        protected=("equipment_troubleshooting",)),
    # 5. Half the failures miss teamwork only with strong technical depth; they are hired anyway
    #    (one in five hires) and make up 70 % of the leavers (see LEAVE_SHARES).
    RolePlan(
        key="product_rnd",
        kinds=(FailureKind("teamwork_override", gaps=("teamwork",), second_gap=False, override_hire=True,
                           ranges={"teamwork": (50, 69, 62), "technical_depth": (85, 100, 92)}),
               _gap("teamwork", "teamwork"), _gap("technical_depth", "technical_depth"),
               _gap("innovation", "innovation"), _gap("problem_solving", "problem_solving"), JOB_MATCH),
        regime=Regime(0.33, {"teamwork_override": 0.50, "teamwork": 0.10, "technical_depth": 0.16,
                             "innovation": 0.10, "problem_solving": 0.08, "job_match": 0.06}),
        protected=("teamwork",)),
    # 6. Negotiation minimum 80; 40 % of candidates score 60-70 (mostly ~65). A senior role with an older
    #    applicant mix, and the planted adverse impact for the fairness audit: applicants aged 55+ pass
    #    their first interview at 0.6 times the others' rate (re-applications lift the final impact ratio
    #    to about 0.7); under 2 % of applicants are 18-24, so that band is left out of impact ratios.
    RolePlan(
        key="sales_manager",
        kinds=(_gap("negotiation_65", "negotiation", ranges={"negotiation": (60, 70, 65)}),
               _gap("negotiation_near", "negotiation", ranges={"negotiation": (71, 79, 76)}),
               _gap("customer_relationship", "customer_relationship"), _gap("team_leadership", "team_leadership"),
               JOB_MATCH),
        regime=Regime(0.50, {"negotiation_65": 0.80, "negotiation_near": 0.06, "customer_relationship": 0.06,
                             "team_leadership": 0.04, "job_match": 0.04}),
        protected=("negotiation",),
        age_bands={"18-24": 0.01, "25-34": 0.30, "35-44": 0.30, "45-54": 0.14, "55+": 0.25},
        pass_factors={"age_band": {"55+": 0.65}}),
    # 7. 30 % of candidates model in 3D but never ran a finite-element analysis: role match 0.50 < 0.75.
    RolePlan(
        key="mechanical_design",
        kinds=(FailureKind("three_d_only", gaps=("finite_element_analysis",), job_match=True, second_gap=False,
                           keep_skills=("3d_modelling", "engineering_drawing"),
                           ranges={"finite_element_analysis": (40, 66, 55)}),
               _gap("structural_design", "structural_design"), _gap("problem_solving", "problem_solving"),
               _gap("communication", "communication")),
        regime=Regime(0.35, {"three_d_only": 0.86, "structural_design": 0.06, "problem_solving": 0.04,
                             "communication": 0.04}),
        protected=("finite_element_analysis",)),
]}


def baseline_plan(role_key: str, competencies: list[str], job_match: bool = True) -> RolePlan:
    """A role without a planted case (a profile added later): a third fail, spread over its competencies."""
    kinds = tuple(_gap(c, c) for c in competencies) + ((JOB_MATCH,) if job_match else ())
    share = (0.9 if job_match else 1.0) / max(1, len(competencies))
    weights = {c: share for c in competencies} | ({"job_match": 0.1} if job_match else {})
    return RolePlan(key=role_key, kinds=kinds, regime=Regime(0.33, weights))


# Mechanical Design passes need finite-element analysis among their skills.
MUST_HAVE_SKILLS = {"mechanical_design": ("finite_element_analysis",)}

# Product R&D attrition: override hires (one in five) leave at 70 %, the rest at 7.5 %, so about 20 %
# of hires leave and 70 % of the leavers are override hires. Other roles use BASE_LEAVE_SHARE.
LEAVE_SHARES = {"product_rnd": {"override": 0.70, "normal": 0.075}}


@dataclass(frozen=True)
class MetricScale:
    mean: float
    sd: float  # between people
    monthly_sd: float  # month-to-month around a person's level
    low: float | None = None
    high: float | None = None
    decimals: int = 2


METRIC_SCALES = {
    "production_efficiency": MetricScale(82, 6, 2.0, low=0),
    "downtime_hours": MetricScale(14, 3.5, 1.0, low=0),
    "campaign_roi": MetricScale(2.4, 0.5, 0.25, low=0),
    "sales_attainment": MetricScale(96, 14, 6.0, low=0),
    "user_satisfaction": MetricScale(81, 5, 2.0, low=0, high=100),
    "design_rework_rate": MetricScale(11, 3, 1.2, low=0, high=100),
    "performance_rating": MetricScale(3.3, 0.55, 0.25, low=1, high=5, decimals=1),
}
DEFAULT_SCALE = MetricScale(50, 10, 3.0)

# Per role: the main KPI and the exact sample correlation of each interview competency score with a
# hire's mean over their first six months of it (constructed, not sampled).
METRIC_LINKS: dict[str, tuple[str, dict[str, float]]] = {
    "production_supervisor": ("production_efficiency",
                              {"team_management": 0.85, "technical_expertise": 0.30, "cost_control": 0.20}),
    "field_technician": ("downtime_hours", {"equipment_troubleshooting": -0.91}),
    "marketing_planner": ("campaign_roi", {"event_execution": 0.55, "creative_planning": 0.25}),
    "sales_manager": ("sales_attainment", {"negotiation": 0.60, "customer_relationship": 0.30}),
    "product_operations": ("user_satisfaction", {"user_needs_insight": 0.60}),
    "mechanical_design": ("design_rework_rate", {"finite_element_analysis": -0.55}),
    "product_rnd": ("performance_rating", {"technical_depth": 0.45, "teamwork": 0.40}),
}
FIRST_MONTHS = 6  # "the first six months" of performance the correlations use
RATING_LINK = 0.60  # performance rating vs the main KPI level, for roles where they differ
