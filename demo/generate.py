"""Rows for one candidate and one interview, as plain dicts for Core bulk inserts (no database here)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from demo import pools
from demo.plan import (
    FACE_CONSENT_SHARE,
    MUST_HAVE_SKILLS,
    SECOND_GAP_SHARE,
    ZH_SHARE,
    FailureKind,
    RolePlan,
)
from demo.profiles import Profile, ProfileDealer
from demo.quota import Quota


@dataclass(frozen=True)
class CompetencyCtx:
    id: int
    key: str
    name_en: str
    name_zh: str
    weight: float
    minimum: float


@dataclass
class RoleCtx:
    """A role as the seed needs it: the database ids, its active model and its quotas."""

    id: int
    key: str
    pass_mark: float
    min_role_match: float
    required: list[str]
    model_id: int
    competencies: list[CompetencyCtx]
    metrics: list[str]
    plan: RolePlan
    outcomes: Quota
    kinds: Quota
    behaviour: Quota
    profiles: ProfileDealer
    disclosure: Quota  # who answers the voluntary demographics questionnaire
    hires: dict[str, Quota] = field(default_factory=dict)
    leaves: dict[str, Quota] = field(default_factory=dict)
    hire_share: float = 1.0
    hired: int = 0


@dataclass(slots=True)
class Applicant:
    """What a later interview of the same candidate needs to stay consistent with the first."""

    id: int
    language: str
    role_match: float
    missing: list[str]
    internet: bool
    claims: list[str]
    mismatch: bool
    hired: bool = False


class Ids:
    """Primary keys assigned by the seed (bulk inserts do not return them)."""

    def __init__(self, start: dict[str, int]):
        self._next = dict(start)

    def take(self, table: str) -> int:
        value = self._next[table]
        self._next[table] = value + 1
        return value


# Hot-path picks built on rng.random() alone (randint/choice/sample cost several calls each); a
# million candidates draw tens of millions of these.

def _pick(rng: random.Random, seq):
    return seq[int(rng.random() * len(seq))]


def _between(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def _sample(rng: random.Random, seq, k: int) -> list:
    pool = list(seq)
    for i in range(k):
        j = i + int(rng.random() * (len(pool) - i))
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:k]


def skill_name(skill: str) -> str:
    return pools.SKILL_NAMES.get(skill, skill.replace("_", " "))


def _name(rng: random.Random, language: str, gender: str, number: int) -> tuple[str, str]:
    pool_gender = gender if gender in pools.EN_FIRST else _pick(rng, ["female", "male"])
    if language == "zh" or rng.random() < 0.15:
        surname, surname_py = _pick(rng, pools.CN_SURNAMES)
        given, given_py = _pick(rng, pools.CN_GIVEN[pool_gender])
        name = surname + given if language == "zh" else f"{given_py} {surname_py}"
        first, last = given_py, surname_py
    else:
        first, last = _pick(rng, pools.EN_FIRST[pool_gender]), _pick(rng, pools.EN_LAST)
        name = f"{first} {last}"
    email = f"{first}.{last}{number}@{_pick(rng, pools.EMAIL_DOMAINS)}".lower()
    return name, email


def _phone(rng: random.Random, language: str) -> str:
    if language == "zh":
        prefix = f"1{_pick(rng, '3589')}{_between(rng, 0, 9)}"
        return f"+86 {prefix} {_between(rng, 0, 9999):04d} {_between(rng, 0, 9999):04d}"
    return f"+44 7700 900{_between(rng, 0, 999):03d}"  # Ofcom's range reserved for drama


def _required_skills(rng: random.Random, role: RoleCtx, kind: FailureKind | None) -> list[str]:
    required, n = role.required, len(role.required)
    if n == 0:
        return []
    enough = math.ceil(role.min_role_match * n - 1e-9)
    if kind is not None and kind.job_match:
        if kind.keep_skills is not None:
            return [s for s in required if s in kind.keep_skills]
        chosen = _sample(rng, required, max(0, enough - 1))
    else:
        must = [s for s in MUST_HAVE_SKILLS.get(role.key, ()) if s in required]
        sizes = list(range(max(enough, len(must)), n + 1))
        size = sizes[int(math.sqrt(rng.random()) * len(sizes))]  # larger overlaps more likely
        chosen = must + _sample(rng, [s for s in required if s not in must], size - len(must))
    return [s for s in required if s in chosen]


def make_applicant(rng: random.Random, number: int, candidate_id: int, role: RoleCtx, kind: FailureKind | None,
                   when: datetime, profile: Profile, disclosed: bool) -> tuple[Applicant, dict, dict | None]:
    """A new candidate whose background fits the failure kind their first interview was dealt; the
    profile (dealt by `profiles.py`) is stored only when the candidate `disclosed` it."""
    language = "zh" if rng.random() < ZH_SHARE else "en"
    gender, age_band, education = profile
    name, email = _name(rng, language, gender, number)
    have = _required_skills(rng, role, kind)
    extras = _sample(rng, pools.EXTRA_SKILLS.get(role.key, pools.COMMON_SKILLS), _between(rng, 1, 3))
    if rng.random() < 0.3:
        extras.append(_pick(rng, pools.COMMON_SKILLS))
    if kind is not None and kind.internet is not None:
        internet = kind.internet
    else:
        internet = rng.random() < role.plan.pass_internet_share
    industries = ([pools.INTERNET] if internet else []) + \
        _sample(rng, pools.INDUSTRIES, 1 if internet else _between(rng, 1, 2))
    lang_index = 0 if language == "en" else 1
    past_roles = [r[lang_index] for r in _sample(rng, pools.PAST_ROLES.get(role.key, pools.GENERIC_PAST_ROLES),
                                                 _between(rng, 1, 3))]
    claim_keys = _sample(rng, pools.CLAIM_KEYS, _between(rng, 1, 2))
    consent = rng.random() < FACE_CONSENT_SHARE
    created = when - timedelta(minutes=_between(rng, 10, 3 * 24 * 60))
    row = {
        "id": candidate_id, "external_id": f"C{number:06d}", "language": language,
        "years_experience": round(rng.uniform(*pools.EXPERIENCE_BY_AGE[age_band]), 1),
        "consent_face_analysis": consent, "name": name, "email": email, "phone": _phone(rng, language),
        "background_skills": have + extras, "past_roles": past_roles, "industries": industries,
        "claims": [pools.CLAIMS[k][lang_index] for k in claim_keys],
        "consent_recorded_at": created if consent else None, "created_at": created,
    }
    demographics = None
    if disclosed:
        demographics = {"candidate_id": candidate_id, "gender": gender, "age_band": age_band,
                        "education": education, "extra": {}}
    role_match = round(len(have) / len(role.required), 4) if role.required else 1.0
    applicant = Applicant(id=candidate_id, language=language, role_match=role_match,
                          missing=[s for s in role.required if s not in have], internet=internet,
                          claims=claim_keys, mismatch=role_match < role.min_role_match)
    return applicant, row, demographics


def compatible(kind: FailureKind, applicant: Applicant) -> bool:
    """Whether a returning candidate's fixed background allows this failure kind."""
    return kind.job_match == applicant.mismatch and (kind.internet is None or kind.internet == applicant.internet)


@dataclass
class InterviewRows:
    interview: dict
    scores: list[dict]
    reasons: list[dict]
    answers: list[dict]
    outcome: str
    score_by_key: dict[str, float]


def _scores(rng: random.Random, role: RoleCtx, kind: FailureKind | None) -> dict[str, float]:
    gaps = list(kind.gaps) if kind else []
    ranges = kind.ranges if kind else {}
    if kind is not None and kind.second_gap and rng.random() < SECOND_GAP_SHARE:
        options = [c.key for c in role.competencies
                   if c.key not in gaps and c.key not in role.plan.protected and c.key not in ranges]
        if options:
            gaps.append(_pick(rng, options))
    scores = {}
    for c in role.competencies:
        if c.key in gaps:
            low, high, mode = ranges.get(c.key) or (max(0.0, c.minimum - 25), c.minimum - 1, c.minimum - 7)
            high = min(high, c.minimum - 1)
        else:
            low, high, mode = ranges.get(c.key) or (c.minimum, 100.0, c.minimum + (100 - c.minimum) * 0.4)
            low = max(low, c.minimum)
        scores[c.key] = float(min(max(round(rng.triangular(low, high, mode)), low), high))
    if kind is None:  # a pass also needs the weighted total
        while _total(role, scores) < role.pass_mark:
            scores = {k: min(100.0, s + 1) for k, s in scores.items()}
    return scores


def _total(role: RoleCtx, scores: dict[str, float]) -> float:
    return round(sum(c.weight * scores[c.key] for c in role.competencies), 2)


_QUOTE_CACHE: dict[tuple[str, str, str, str], list[str]] = {}


def _quotes(comp: CompetencyCtx, language: str, band: str, specific: bool) -> list[str]:
    key = (comp.name_en, language, band, comp.key if specific else "")
    if key not in _QUOTE_CACHE:
        if specific:
            pool = pools.SPECIFIC_LOW_QUOTES[comp.key][0 if language == "en" else 1]
        else:
            name = comp.name_zh if language == "zh" else comp.name_en
            pool = [q.format(name=name) for q in pools.QUOTES[language][band]]
        _QUOTE_CACHE[key] = pool
    return _QUOTE_CACHE[key]


def _evidence(rng: random.Random, comp: CompetencyCtx, score: float, language: str) -> list[str]:
    band = "low" if score < comp.minimum else "high" if score >= comp.minimum + 10 else "mid"
    specific = band == "low" and comp.key in pools.SPECIFIC_LOW_QUOTES and rng.random() < 0.7
    pool = _quotes(comp, language, band, specific)
    first = int(rng.random() * len(pool))
    if rng.random() < 0.5:
        return [pool[first]]
    return [pool[first], pool[(first + 1 + int(rng.random() * (len(pool) - 1))) % len(pool)]]


def _behaviour(rng: random.Random, applicant: Applicant) -> tuple[str, dict]:
    claim = applicant.claims[0]
    numbers = {"pauses": _between(rng, 3, 6), "filler": _between(rng, 7, 12),
               "count": {"team_player": _between(rng, 9, 16), "on_time": _between(rng, 2, 3),
                         "detail": _between(rng, 3, 5)}.get(claim, 3)}
    return pools.BEHAVIOUR_DETAILS[claim].format(**numbers), numbers


def build_interview(rng: random.Random, ids: Ids, number: int, role: RoleCtx, kind: FailureKind | None,
                    applicant: Applicant, flagged: bool, when: datetime, now: datetime,
                    with_answers: bool) -> InterviewRows:
    """One scored interview: scores consistent with the dealt kind, the reasons, the outcome."""
    interview_id = ids.take("interview")
    decided = min(when + timedelta(minutes=_between(rng, 10, 240)), now)
    scores = _scores(rng, role, kind)
    total = _total(role, scores)
    language = applicant.language
    score_rows, reasons = [], []
    if applicant.role_match < role.min_role_match:
        missing = ", ".join(skill_name(s) for s in applicant.missing)
        reasons.append({"id": ids.take("failurereason"), "interview_id": interview_id, "category": "job_match",
                        "competency_id": None, "score": applicant.role_match, "required": role.min_role_match,
                        "detail": f"role match {applicant.role_match:.2f} < {role.min_role_match:.2f}: "
                                  f"missing {missing}", "created_at": decided})
    for c in role.competencies:
        score = scores[c.key]
        score_rows.append({"id": ids.take("competencyscore"), "interview_id": interview_id, "competency_id": c.id,
                           "score": score, "required": c.minimum, "weight": c.weight,
                           "evidence": _evidence(rng, c, score, language), "scorer": "seed"})
        if score < c.minimum:
            reasons.append({"id": ids.take("failurereason"), "interview_id": interview_id,
                            "category": "competency_gap", "competency_id": c.id, "score": score,
                            "required": c.minimum, "detail": f"{c.name_en} {score:g} < {c.minimum:g}",
                            "created_at": decided})
    outcome = "failed" if reasons else "under_review" if flagged else "passed"
    numbers: dict = {}
    if flagged:
        detail, numbers = _behaviour(rng, applicant)
        reasons.append({"id": ids.take("failurereason"), "interview_id": interview_id,
                        "category": "behavior_inconsistency", "competency_id": None, "score": None,
                        "required": None, "detail": detail, "created_at": decided})
    answers = _answers(rng, ids, interview_id, role, score_rows, language, numbers) if with_answers else []
    row = {"id": interview_id, "external_id": f"I{number:07d}", "candidate_id": applicant.id, "role_id": role.id,
           "competency_model_id": role.model_id, "interviewed_at": when, "outcome": outcome,
           "total_score": total, "role_match": applicant.role_match, "decided_at": decided, "created_at": when}
    return InterviewRows(row, score_rows, reasons, answers, outcome, scores)


def _answers(rng: random.Random, ids: Ids, interview_id: int, role: RoleCtx, score_rows: list[dict],
             language: str, behaviour: dict) -> list[dict]:
    lang_index = 0 if language == "en" else 1
    rows = []
    for i, (c, score_row) in enumerate(zip(role.competencies, score_rows)):
        name = c.name_zh if language == "zh" else c.name_en
        specific = pools.SPECIFIC_QUESTIONS.get(c.key)
        question = specific[lang_index] if specific else pools.QUESTIONS[language].format(name=name)
        transcript = " ".join([_pick(rng, pools.TRANSCRIPT_OPENERS[language]), *score_row["evidence"],
                               _pick(rng, pools.TRANSCRIPT_CLOSERS[language])])
        features = {"words_per_minute": round(rng.uniform(105, 165), 1),
                    "pause_ratio": round(rng.uniform(0.05, 0.2), 3),
                    "long_pauses": _between(rng, 0, 1), "filler_rate": round(rng.uniform(0.01, 0.04), 3)}
        if behaviour and i == 0:  # the first question is the stress question
            features.update(long_pauses=behaviour["pauses"], filler_rate=behaviour["filler"] / 100,
                            pause_ratio=round(rng.uniform(0.25, 0.4), 3))
        rows.append({"id": ids.take("answer"), "interview_id": interview_id, "question_id": None,
                     "competency_id": c.id, "question_text": question, "transcript": transcript,
                     "media_ref": None, "speech_features": features})
    return rows

