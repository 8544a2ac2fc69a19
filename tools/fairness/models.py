"""The fairness audit's arguments and result: aggregates only, never a candidate."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, Field

from candor.periods import Period
from tools.shared.lookup import RoleRef

BASE_ATTRIBUTES = ("gender", "age_band", "education")
ATTRIBUTE_LABELS = {"gender": ("gender", "性别"), "age_band": ("age band", "年龄段"),
                    "education": ("education", "学历")}
# Readable names for the values the demo data and common HRIS exports use; others show as stored.
GROUP_LABELS = {
    "female": ("female", "女性"), "male": ("male", "男性"), "non_binary": ("non-binary", "非二元性别"),
    "high_school": ("high school", "高中"), "vocational": ("vocational", "职业教育"), "bachelor": ("bachelor", "本科"),
    "master": ("master", "硕士"), "doctorate": ("doctorate", "博士"),
    "18-24": ("18-24", "18-24岁"), "25-34": ("25-34", "25-34岁"), "35-44": ("35-44", "35-44岁"),
    "45-54": ("45-54", "45-54岁"), "55+": ("55+", "55岁及以上"),
}


STANDARD = {"impact_ratio": "NYC Local Law 144 (6 RCNY 5-301)",
            "four_fifths": "EEOC Uniform Guidelines, 29 CFR 1607.4(D)"}


class FairnessAuditArgs(BaseModel):
    role: Optional[str] = Field(None, description="Role name or alias in English or Chinese, e.g. 'Sales Manager' or "
                                                  "'销售经理'. Omit to audit every role (each on its own).")
    period: Optional[str] = Field(None, description="Time period in English or Chinese, e.g. 'this year', "
                                                    "'last 6 months', '2026-Q3', '近半年'. Default: the last 12 months.")
    attributes: Optional[list[str]] = Field(None, description="Demographic attributes to audit: 'gender', 'age_band', "
                                                              "'education' or one a deployment added. Default: all.")
    intersections: bool = Field(True, description="Also audit every intersection of two attributes.")
    min_share_pct: float = Field(2.0, ge=0, le=20, description="Groups under this percent of the candidates with a "
                                                               "known value are left out of impact ratios.")
    min_group_size: int = Field(5, ge=5, le=100, description="Groups smaller than this are never shown by rate.")


class Rules(BaseModel):
    min_share_pct: float
    min_group_size: int
    four_fifths: float
    alpha: float
    p_floor: float = Field(description="p-values under this are shown as 'p < p_floor'")


class GroupRow(BaseModel):
    group: str = Field(description="the value, or 'value × value' for an intersection")
    group_en: str
    group_zh: str
    applications: int
    share_pct: float = Field(description="percent of the candidates whose value is known")
    selected: Optional[int] = None
    selection_rate: Optional[float] = Field(None, description="selected / applications, exact fraction")
    selection_pct: Optional[float] = Field(None, description="the selection rate in percent, rounded")
    impact_ratio: Optional[float] = Field(None, description="selection rate / the reference group's, exact")
    impact_ratio_rounded: Optional[float] = None
    four_fifths_flag: bool = False
    p_value: Optional[float] = Field(None, description="two-sided, against the reference group (Holm-adjusted "
                                                       "for intersections)")
    test: Optional[str] = None
    significant: bool = False
    adverse_impact: bool = Field(False, description="four-fifths flag and significant")
    reference: bool = False
    scoring_rate: Optional[float] = Field(None, description="share scoring above the sample's median, exact")
    scoring_pct: Optional[float] = None
    scoring_impact_ratio: Optional[float] = None
    scoring_impact_ratio_rounded: Optional[float] = None
    excluded: Optional[str] = Field(None, description="why the group is left out of impact ratios")
    hidden: Optional[str] = Field(None, description="why its rate is not shown")
    score_gaps: dict[str, float] = Field(default_factory=dict, description="competency key -> standardised mean "
                                                                           "difference against everyone else")


class AttributeTable(BaseModel):
    attribute: str = Field(description="'age_band', or 'gender × age_band' for an intersection")
    label_en: str
    label_zh: str
    known: int
    unknown: int = Field(description="candidates whose value is not known: counted here, not in the groups")
    reference_group: Optional[str] = None
    p_adjustment: Optional[str] = None
    groups: list[GroupRow]


class Competency(BaseModel):
    key: str
    name_en: str
    name_zh: str


class ScoreGap(BaseModel):
    competency: Competency
    smd: float


class Flag(BaseModel):
    role: RoleRef
    attribute: str
    attribute_en: str
    attribute_zh: str
    group: str
    group_en: str
    group_zh: str
    applications: int
    selection_pct: float
    reference_group_en: str
    reference_group_zh: str
    reference_pct: float
    impact_ratio_rounded: float
    p_value: Optional[float]
    test: Optional[str]
    significant: bool
    largest_gap: Optional[ScoreGap] = None


class RoleAudit(BaseModel):
    role: RoleRef
    applications: int
    selected: int
    selection_pct: Optional[float]
    with_demographics: int
    without_demographics: int
    median_total_score: Optional[float]
    competencies: list[Competency]
    tables: list[AttributeTable]
    flags: list[Flag]
    watch: list[Flag]
    hidden_groups: int
    excluded_groups: int


class Note(BaseModel):
    en: str
    zh: str


class FairnessAuditResult(BaseModel):
    role: Optional[RoleRef]
    period: Period
    attributes: list[str]
    attributes_en: list[str]
    attributes_zh: list[str]
    intersections: bool
    applications: int = Field(description="candidates with a decided AI interview in the period (each counted once "
                                          "per role, by their latest interview)")
    with_demographics: int
    without_demographics: int
    roles: list[RoleAudit]
    flags: list[Flag] = Field(description="adverse impact: under the four-fifths ratio and statistically significant")
    watch: list[Flag] = Field(description="under the four-fifths ratio but not significant: too few candidates to tell")
    flagged_roles: int
    watch_count: int
    hidden_groups: int
    excluded_groups: int
    rules: Rules
    standard: dict[str, str] = Field(default_factory=lambda: dict(STANDARD))
    notes: list[Note] = Field(default_factory=list)
