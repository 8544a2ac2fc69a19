"""Role match: the candidate's skills against the role's required skills, in English and Chinese.

A required skill is known by its key ("finite_element_analysis"), its names below, and, where a
competency of the role has the same key, that competency's names, aliases and search terms (so
"ANSYS", "FEA" and "有限元" all count as finite-element analysis). A candidate skill matches by name
(exact after normalising; for Chinese, one name inside the other) or, in English, by meaning: cosine
similarity of MiniLM embeddings at or above SYNONYM_SIMILARITY.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pydantic import BaseModel

from knowledge.catalogue import RoleSpec
from knowledge.minilm import embed_texts
from tools.scoring.text import is_chinese

SYNONYM_SIMILARITY = 0.75
# Names of the required skills in the role profiles (key -> English, Chinese, other names).
SKILL_NAMES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "hydraulics": ("hydraulics", "液压", ("hydraulic systems", "液压系统")),
    "electrical_maintenance": ("electrical maintenance", "电气维修", ("electrical repair", "电工", "电气维护")),
    "plc_basics": ("PLC basics", "PLC基础", ("PLC", "PLC programming", "可编程控制器")),
    "campaign_planning": ("campaign planning", "营销活动策划", ("campaign management", "活动策划")),
    "event_management": ("event management", "活动管理", ("event planning", "活动执行")),
    "copywriting": ("copywriting", "文案", ("copy writing", "文案写作", "文案策划")),
    "marketing_analytics": ("marketing analytics", "营销数据分析", ("marketing data analysis", "市场数据分析")),
    "finite_element_analysis": ("finite-element analysis", "有限元分析", ("FEA", "FEM")),
    "3d_modelling": ("3D modelling", "三维建模", ("3D modeling", "3D CAD", "SolidWorks", "三维设计", "3D建模")),
    "engineering_drawing": ("engineering drawing", "工程制图", ("technical drawing", "制图", "2D drawings")),
    "tolerance_analysis": ("tolerance analysis", "公差分析", ("tolerance stack-up", "GD&T", "尺寸链")),
    "user_research": ("user research", "用户研究", ("user interviews", "用户调研", "用户访谈")),
    "data_analysis": ("data analysis", "数据分析", ("data analytics", "analytics")),
    "content_operations": ("content operations", "内容运营", ("content management",)),
    "software_engineering": ("software engineering", "软件工程", ("software development", "软件开发", "编程")),
    "system_design": ("system design", "系统设计", ("systems architecture", "架构设计")),
    "prototyping": ("prototyping", "原型开发", ("prototype building", "样机制作", "原型设计")),
    "lean_manufacturing": ("lean manufacturing", "精益生产", ("lean", "lean production")),
    "people_management": ("people management", "人员管理", ("team management", "团队管理")),
    "quality_control": ("quality control", "质量控制", ("QC", "quality management", "质量管理", "质检")),
    "b2b_sales": ("B2B sales", "B2B销售", ("business-to-business sales", "大客户销售", "企业销售")),
    "negotiation": ("negotiation", "谈判", ("commercial negotiation", "商务谈判")),
    "crm": ("CRM", "客户关系管理", ("customer relationship management", "Salesforce")),
}


class SkillMatch(BaseModel):
    skill: str
    name_en: str
    name_zh: str
    matched_by: str | None = None  # the candidate's skill that covers it
    how: str | None = None  # name | synonym
    similarity: float | None = None


class RoleMatchResult(BaseModel):
    role_match: float
    min_role_match: float
    below_threshold: bool
    skills: list[SkillMatch]
    missing: list[str]  # short English names, e.g. "FEA"
    missing_zh: list[str]
    detail_en: str
    detail_zh: str


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\-_/]+", " ", text).strip()


@dataclass
class _Skill:
    key: str
    name_en: str
    name_zh: str
    short: str
    names: list[str] = field(default_factory=list)


def _skills(required: list[str], spec: RoleSpec | None) -> list[_Skill]:
    comps = {c.key: c for c in spec.competencies} if spec else {}
    out = []
    for key in required:
        en, zh, others = SKILL_NAMES.get(key, (key.replace("_", " "), key.replace("_", " "), ()))
        names, short = [key, en, zh, *others], en
        if key in comps:
            comp = comps[key]
            names += [comp.name.en, comp.name.zh, *comp.aliases.all(), *comp.search_terms.all()]
            # The profile's own abbreviation, if it has one, is what people say: "missing FEA".
            short = next((a for a in comp.aliases.en if a.isupper() and 2 <= len(a) <= 5), en)
        out.append(_Skill(key, en, zh, short,
                          list(dict.fromkeys(_norm(n) for n in names if n))))
    return out


def match_role(required: list[str], minimum: float, candidate_skills: list[str], spec: RoleSpec | None,
               model_path: str = "") -> RoleMatchResult:
    skills = _skills(required, spec)
    have = [s for s in (candidate_skills or []) if s and s.strip()]
    matches = [SkillMatch(skill=s.key, name_en=s.name_en, name_zh=s.name_zh) for s in skills]
    english_left = []
    for skill, match in zip(skills, matches):
        for raw in have:
            norm = _norm(raw)
            if norm in skill.names or (is_chinese(raw) and any(
                    is_chinese(n) and len(n) >= 2 and (n in norm or norm in n) for n in skill.names)):
                match.matched_by, match.how = raw, "name"
                break
        else:
            english_left.append((skill, match))
    english_have = [s for s in have if not is_chinese(s)]
    if english_left and english_have:
        have_vectors = embed_texts([s.replace("_", " ") for s in english_have], model_path)
        for skill, match in english_left:
            names = [n for n in skill.names if not is_chinese(n)]
            sims = embed_texts(names, model_path) @ have_vectors.T
            i, j = divmod(int(sims.argmax()), sims.shape[1])
            if sims[i, j] >= SYNONYM_SIMILARITY:
                match.matched_by, match.how, match.similarity = english_have[j], "synonym", round(float(sims[i, j]), 3)
    share = round(sum(m.matched_by is not None for m in matches) / len(matches), 3) if matches else 1.0
    missing = [s for s, m in zip(skills, matches) if m.matched_by is None]
    below = share < minimum
    missing_en = ", ".join(s.short for s in missing)
    missing_zh = "、".join(s.name_zh for s in missing)
    if below:
        detail_en = f"technical stack match low: missing {missing_en}"
        detail_zh = f"技术栈匹配度低：缺少{missing_zh}"
    else:
        detail_en = f"role match {share:.0%} (minimum {minimum:.0%})" + (f"; missing {missing_en}" if missing else "")
        detail_zh = f"岗位匹配度 {share:.0%}（最低 {minimum:.0%}）" + (f"；缺少{missing_zh}" if missing else "")
    return RoleMatchResult(role_match=share, min_role_match=minimum, below_threshold=below, skills=matches,
                           missing=[s.short for s in missing], missing_zh=[s.name_zh for s in missing],
                           detail_en=detail_en, detail_zh=detail_zh)
