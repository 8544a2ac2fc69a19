"""Fairness audit: group differences in AI-interview outcomes, to the standard of a bias audit.

The only reader of the restricted `Demographics` table. It reads it joined to outcomes and scores,
turns the rows into per-group counts at once, and returns aggregates only: no candidate id, name or
row leaves this module. The statistics are in `fairness_stats.py`, the result models in
`fairness_audit_models.py`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from sqlalchemy import select

from candor.models import DECIDED_OUTCOMES as DECIDED
from candor.models import CompetencyScore, Demographics, Interview, Outcome
from candor.periods import PeriodError, default_period, parse_period, period_bounds
from tools.base import ToolDeps, ToolError, ToolSpec
from tools.fairness.models import (
    ATTRIBUTE_LABELS,
    BASE_ATTRIBUTES,
    GROUP_LABELS,
    AttributeTable,
    Competency,
    FairnessAuditArgs,
    FairnessAuditResult,
    Flag,
    GroupRow,
    Note,
    RoleAudit,
    Rules,
    ScoreGap,
)
from tools.fairness.stats import (
    Counts,
    GroupStats,
    Moments,
    compare_groups,
    median,
    smd,
)
from tools.fairness.stats import Rules as StatRules
from tools.shared.lookup import resolve_role, role_ref, vocabulary_of

FOUR_FIFTHS, ALPHA, P_FLOOR = 0.8, 0.05, 0.001
SMALL_ROLE = 100  # candidates; fewer and a role's differences are hard to tell from chance
UNKNOWN_VALUES = {"", "unknown", "not known", "prefer_not_to_say", "prefer not to say", "declined", "n/a", "na",
                  "none", "未知", "不愿透露"}
ATTRIBUTE_ALIASES = {"age": "age_band", "age band": "age_band", "age group": "age_band", "sex": "gender",
                     "education level": "education", "degree": "education", "性别": "gender", "年龄": "age_band",
                     "年龄段": "age_band", "学历": "education", "教育": "education"}


@dataclass
class _Application:
    """A candidate's latest decided interview for a role in the period; only ever aggregated."""

    role_id: int
    selected: bool
    total_score: float | None
    values: dict[str, str | None]
    scores: dict[int, float] = field(default_factory=dict)


def fairness_audit(deps: ToolDeps, args: FairnessAuditArgs) -> FairnessAuditResult:
    """Fairness (bias) audit of AI-interview outcomes for HR managers: per role and period, by gender,
    age band, education (and any attribute a deployment adds) and every intersection of two of them,
    it gives each group's count, selection (pass) rate, impact ratio against the highest-rate group
    (NYC Local Law 144), the four-fifths flag, the significance of the difference (p-value), the
    scoring rate (share above the median total score) with its impact ratios, and per-competency
    score gaps. Groups under 2% are left out of ratios, groups under 5 candidates are never shown by
    rate, and candidates with unknown demographics are counted. Aggregates only."""
    vocab = vocabulary_of(deps)
    role = resolve_role(vocab, args.role, deps.settings) if args.role else None
    try:
        period = parse_period(args.period, deps.now) if args.period else default_period(deps.now)
    except PeriodError as exc:
        raise ToolError("bad_period", str(exc), period=args.period) from None
    rules = StatRules(min_share=args.min_share_pct / 100, min_group_size=args.min_group_size,
                      four_fifths=FOUR_FIFTHS, alpha=ALPHA)
    start, end = period_bounds(period)
    scope = [Interview.interviewed_at >= start, Interview.interviewed_at < end, Interview.outcome.in_(DECIDED)]
    if role is not None:
        scope.append(Interview.role_id == role.id)
    conn = deps.session.connection()
    apps, available = _applications(conn, scope)
    attributes = _attributes(args.attributes, available)

    audits = []
    for r in ([role] if role is not None else vocab.roles):
        own = [a for a in apps if a.role_id == r.id]
        if own or role is not None:
            comps = [c for c in vocab.competencies if c.role_id == r.id]
            audits.append(_audit_role(r, own, comps, attributes, args.intersections, rules))
    flags = [f for a in audits for f in a.flags]
    watch = [f for a in audits for f in a.watch]
    notes = _notes(apps, audits)
    with_demo = sum(a.with_demographics for a in audits)
    return FairnessAuditResult(
        role=role_ref(role, args.role) if role else None, period=period, attributes=attributes,
        attributes_en=[_label(a)[0] for a in attributes], attributes_zh=[_label(a)[1] for a in attributes],
        intersections=args.intersections, applications=len(apps), with_demographics=with_demo,
        without_demographics=len(apps) - with_demo, roles=audits, flags=flags, watch=watch,
        flagged_roles=len({f.role.key for f in flags}), watch_count=len(watch),
        hidden_groups=sum(a.hidden_groups for a in audits), excluded_groups=sum(a.excluded_groups for a in audits),
        rules=Rules(min_share_pct=args.min_share_pct, min_group_size=args.min_group_size, four_fifths=FOUR_FIFTHS,
                    alpha=ALPHA, p_floor=P_FLOOR),
        notes=notes)


def _clean(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return None if text.casefold() in UNKNOWN_VALUES else text


def _applications(conn, scope) -> tuple[list[_Application], list[str]]:
    rows = conn.execute(
        select(Interview.id, Interview.candidate_id, Interview.role_id, Interview.outcome, Interview.total_score,
               Demographics.gender, Demographics.age_band, Demographics.education, Demographics.extra)
        .select_from(Interview).outerjoin(Demographics, Demographics.candidate_id == Interview.candidate_id)
        .where(*scope).order_by(Interview.interviewed_at, Interview.id))
    latest: dict[tuple[int, int], tuple] = {}
    for row in rows:
        latest[(row.candidate_id, row.role_id)] = row  # a re-application replaces the earlier outcome
    extra_keys: set[str] = set()
    by_interview: dict[int, _Application] = {}
    for row in latest.values():
        values = {"gender": _clean(row.gender), "age_band": _clean(row.age_band), "education": _clean(row.education)}
        for key, value in (row.extra or {}).items():
            if key not in values:
                values[key] = _clean(value)
                extra_keys.add(key)
        by_interview[row.id] = _Application(role_id=row.role_id, selected=Outcome(row.outcome) == Outcome.passed,
                                            total_score=row.total_score, values=values)
    for interview_id, competency_id, score in conn.execute(
            select(CompetencyScore.interview_id, CompetencyScore.competency_id, CompetencyScore.score)
            .join(Interview, Interview.id == CompetencyScore.interview_id).where(*scope)):
        app = by_interview.get(interview_id)
        if app is not None:
            app.scores[competency_id] = score
    return list(by_interview.values()), [*BASE_ATTRIBUTES, *sorted(extra_keys)]


def _attributes(asked: list[str] | None, available: list[str]) -> list[str]:
    if not asked:
        return available
    chosen = []
    for name in asked:
        key = " ".join(str(name).casefold().replace("_", " ").split())
        key = ATTRIBUTE_ALIASES.get(key, key.replace(" ", "_"))
        if key not in available:
            raise ToolError("unknown_attribute", f"Unknown attribute '{name}'. Attributes in the data: "
                            + ", ".join(available) + ".", attribute=name, known=available)
        if key not in chosen:
            chosen.append(key)
    return chosen


def _label(attribute: str) -> tuple[str, str]:
    return ATTRIBUTE_LABELS.get(attribute, (attribute.replace("_", " "), attribute.replace("_", " ")))


def _group_labels(group) -> tuple[str, str, str]:
    parts = group if isinstance(group, tuple) else (group,)
    en = " × ".join(GROUP_LABELS.get(p, (p, p))[0] for p in parts)
    zh = " × ".join(GROUP_LABELS.get(p, (p, p))[1] for p in parts)
    return " × ".join(parts), en, zh


def _floor(value: float | None, places: int) -> float | None:
    # Truncated, so a ratio under 0.8 (or a p under 0.05) never shows as 0.8 (0.05).
    return None if value is None else math.floor(value * 10 ** places + 1e-9) / 10 ** places


def _p_shown(p: float | None) -> float | None:
    if p is None:
        return None
    return float(f"{p:.2g}") if p < P_FLOOR else _floor(p, 4)


def _audit_role(role, apps: list[_Application], comps, attributes: list[str], intersections: bool,
                rules: StatRules) -> RoleAudit:
    sample_median = median([a.total_score for a in apps if a.total_score is not None])
    competencies = [Competency(key=c.key, name_en=c.name_en, name_zh=c.name_zh) for c in comps]
    keys = {c.id: c.key for c in comps}
    tables = [_single(attr, apps, rules, sample_median, keys) for attr in attributes]
    if intersections:
        tables += [_pair(a, b, apps, rules, sample_median) for a, b in combinations(attributes, 2)]
    with_demo = sum(1 for a in apps if any(a.values.get(attr) for attr in attributes))
    ref = role_ref(role)
    flags, watch = [], []
    for table in tables:
        for row in table.groups:
            if row.four_fifths_flag:
                (flags if row.significant else watch).append(_flag(ref, table, row, competencies))
    selected = sum(a.selected for a in apps)
    return RoleAudit(role=ref, applications=len(apps), selected=selected,
                     # A role with fewer candidates than the minimum group size is not shown by rate either.
                     selection_pct=round(100 * selected / len(apps), 1) if len(apps) >= rules.min_group_size
                     else None,
                     with_demographics=with_demo, without_demographics=len(apps) - with_demo,
                     median_total_score=round(sample_median, 2) if sample_median is not None else None,
                     competencies=competencies, tables=tables, flags=flags, watch=watch,
                     hidden_groups=sum(1 for t in tables for g in t.groups if g.hidden),
                     excluded_groups=sum(1 for t in tables for g in t.groups if g.excluded and not g.hidden))


def _counts(apps: list[_Application], key) -> tuple[dict, int]:
    groups: dict = defaultdict(Counts)
    unknown = 0
    for a in apps:
        value = key(a)
        if value is None:
            unknown += 1
            continue
        c = groups[value]
        c.n += 1
        c.selected += a.selected
        if a.total_score is not None:
            c.scores.append(a.total_score)
    return groups, unknown


def _single(attribute: str, apps, rules, sample_median, competency_keys) -> AttributeTable:
    groups, unknown = _counts(apps, lambda a: a.values.get(attribute))
    stats = compare_groups(groups, rules, sample_median=sample_median, unknown=unknown)
    gaps = _score_gaps(apps, attribute, competency_keys)
    rows = []
    for s in stats:
        row = group_row(s, rules)
        if not s.hidden:
            row.score_gaps = gaps.get(s.group, {})
        rows.append(row)
    en, zh = _label(attribute)
    return AttributeTable(attribute=attribute, label_en=en, label_zh=zh, known=len(apps) - unknown, unknown=unknown,
                          reference_group=next((r.group for r in rows if r.reference), None), groups=rows)


def _pair(first: str, second: str, apps, rules, sample_median) -> AttributeTable:
    def both(a):
        x, y = a.values.get(first), a.values.get(second)
        return (x, y) if x is not None and y is not None else None

    groups, unknown = _counts(apps, both)
    # The cells of one value of either attribute add up to that value's shown total, less those whose
    # other value is unknown.
    slices = []
    for index, attribute in ((0, first), (1, second)):
        other = second if index == 0 else first
        for value in {g[index] for g in groups}:
            outside = sum(1 for a in apps if a.values.get(attribute) == value and a.values.get(other) is None)
            slices.append(([g for g in groups if g[index] == value], outside))
    stats = compare_groups(groups, rules, sample_median=sample_median, unknown=unknown, slices=slices, adjust=True)
    rows = [group_row(s, rules) for s in stats]
    (en1, zh1), (en2, zh2) = _label(first), _label(second)
    return AttributeTable(attribute=f"{first} × {second}", label_en=f"{en1} × {en2}", label_zh=f"{zh1} × {zh2}",
                          known=len(apps) - unknown, unknown=unknown, p_adjustment="holm",
                          reference_group=next((r.group for r in rows if r.reference), None), groups=rows)


def _score_gaps(apps, attribute, competency_keys) -> dict[str, dict[str, float]]:
    """group -> competency key -> standardised mean difference against everyone else with a known value."""
    per_group: dict = defaultdict(lambda: defaultdict(Moments))
    known: dict = defaultdict(Moments)
    for a in apps:
        value = a.values.get(attribute)
        if value is None:
            continue
        for cid, score in a.scores.items():
            if cid in competency_keys:
                per_group[value][cid].add(score)
                known[cid].add(score)
    gaps: dict = {}
    for value, moments in per_group.items():
        gaps[value] = {}
        for cid, m in moments.items():
            d = smd(m, known[cid] - m)
            if d is not None:
                gaps[value][competency_keys[cid]] = round(d, 2)
    return gaps


def group_row(s: GroupStats, rules: StatRules) -> GroupRow:
    """One group as shown: a hidden group keeps its count only."""
    group, en, zh = _group_labels(s.group)
    row = GroupRow(group=group, group_en=en, group_zh=zh, applications=s.n, share_pct=round(100 * s.share, 1),
                   excluded=s.excluded, hidden=s.hidden, reference=s.reference)
    if s.hidden:
        return row  # neither the rate nor anything derived from it
    row.selected, row.selection_rate, row.selection_pct = s.selected, s.rate, round(100 * s.rate, 1)
    row.scoring_rate = s.scoring_rate
    row.scoring_pct = round(100 * s.scoring_rate, 1) if s.scoring_rate is not None else None
    row.impact_ratio, row.impact_ratio_rounded = s.impact_ratio, _floor(s.impact_ratio, 3)
    row.scoring_impact_ratio = s.scoring_impact_ratio
    row.scoring_impact_ratio_rounded = _floor(s.scoring_impact_ratio, 3)
    row.four_fifths_flag = s.four_fifths(rules)
    row.p_value, row.test, row.significant = _p_shown(s.p_value), s.test, s.significant(rules)
    row.adverse_impact = row.four_fifths_flag and row.significant
    return row


def _flag(role, table: AttributeTable, row: GroupRow, competencies: list[Competency]) -> Flag:
    ref = next(g for g in table.groups if g.reference)
    gap = None
    if row.score_gaps:
        key, smd = min(row.score_gaps.items(), key=lambda kv: kv[1])
        if smd < 0:
            gap = ScoreGap(competency=next(c for c in competencies if c.key == key), smd=smd)
    return Flag(role=role, attribute=table.attribute, attribute_en=table.label_en, attribute_zh=table.label_zh,
                group=row.group, group_en=row.group_en, group_zh=row.group_zh, applications=row.applications,
                selection_pct=row.selection_pct, reference_group_en=ref.group_en, reference_group_zh=ref.group_zh,
                reference_pct=ref.selection_pct, impact_ratio_rounded=row.impact_ratio_rounded,
                p_value=row.p_value, test=row.test, significant=row.significant, largest_gap=gap)


def _notes(apps, audits: list[RoleAudit]) -> list[Note]:
    notes = []
    if not apps:
        notes.append(Note(en="no decided AI interviews in this period", zh="该时段没有已有结果的AI面试"))
    small = [a for a in audits if 0 < a.applications < SMALL_ROLE]
    if small:
        notes.append(Note(en="few candidates for " + ", ".join(a.role.name_en for a in small)
                          + ": differences there are hard to tell from chance",
                          zh="、".join(a.role.name_zh for a in small) + "的候选人较少，差异难以与偶然区分"))
    return notes


SPEC = ToolSpec(name="fairness_audit", func=fairness_audit, args_model=FairnessAuditArgs, audiences=("hr_manager",))
