"""Cut the role profiles into retrievable passages with stable source ids (`role/section/item`).

Each passage carries its English and Chinese text. The English side is what the (English-only)
embedding model sees; both sides feed BM25. No heavy imports here: the planner and tests use it freely.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from knowledge.catalogue import CompetencySpec, RoleSpec

SECTIONS = ("profile", "competency", "scale", "questions", "resources")

_KIND = {"behavioral": ("behavioural interview question", "行为面试题"),
         "situational": ("situational interview question", "情境面试题"),
         "scenario": ("scenario interview question", "情景模拟面试题")}


@dataclass(frozen=True)
class Passage:
    source_id: str
    role: str
    section: str
    competency: str | None
    text_en: str
    text_zh: str

    @property
    def document(self) -> str:
        return f"{self.text_en}\n{self.text_zh}"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.document.encode("utf-8")).hexdigest()[:32]

    def metadata(self) -> dict[str, str]:
        # Chroma metadata values cannot be None.
        return {"role": self.role, "section": self.section, "competency": self.competency or "",
                "hash": self.content_hash, "text_zh": self.text_zh}


def _names(comp: CompetencySpec) -> tuple[str, str]:
    en = ", ".join([comp.name.en, *comp.aliases.en])
    zh = "、".join([comp.name.zh, *comp.aliases.zh])
    return en, zh


def role_passages(role: RoleSpec) -> list[Passage]:
    rid, ren, rzh = role.key, role.name.en, role.name.zh
    out: list[Passage] = []

    def add(section: str, item: str, competency: str | None, en: str, zh: str) -> None:
        out.append(Passage(f"{rid}/{section}/{item}", rid, section, competency, en, zh))

    aliases_en, aliases_zh = ", ".join(role.aliases.en), "、".join(role.aliases.zh)
    comps_en = ", ".join(c.name.en for c in role.competencies)
    comps_zh = "、".join(c.name.zh for c in role.competencies)
    summary = role.summary or role.persona
    add("profile", "summary", None,
        f"{ren} ({aliases_en}): what the role does and needs. {summary.en if summary else ''} "
        f"Competencies: {comps_en}. Required skills: {', '.join(s.replace('_', ' ') for s in role.required_skills)}.",
        f"{rzh}（{aliases_zh}）：岗位职责与要求。{summary.zh if summary else ''}能力要求：{comps_zh}。")
    if role.persona:
        add("profile", "persona", None, f"{ren} talent persona (ideal candidate profile): {role.persona.en}",
            f"{rzh}人才画像（理想候选人）：{role.persona.zh}")
    for comp in role.competencies:
        cen, czh = _names(comp)
        if comp.definition:
            terms_en = f" Also called: {', '.join(comp.search_terms.en)}." if comp.search_terms.en else ""
            terms_zh = f"相关说法：{'、'.join(comp.search_terms.zh)}。" if comp.search_terms.zh else ""
            add("competency", comp.key, comp.key, f"{ren} competency {cen}: {comp.definition.en}{terms_en}",
                f"{rzh}的能力项{czh}：{comp.definition.zh}{terms_zh}")
        if comp.scale:
            add("scale", comp.key, comp.key,
                f"{ren} {comp.name.en} rating scale (levels 1-5, behaviours and evidence): "
                + " ".join(f"Level {s.level}: {s.behaviour.en} Evidence: {s.evidence.en}" for s in comp.scale),
                f"{rzh}{comp.name.zh}评分标准（1-5级行为锚定）："
                + "".join(f"{s.level}级：{s.behaviour.zh}例证：{s.evidence.zh}" for s in comp.scale))
        counts: dict[str, int] = {}
        for q in comp.questions:
            counts[q.kind] = counts.get(q.kind, 0) + 1
            ken, kzh = _KIND[q.kind]
            add("questions", f"{comp.key}.{q.kind}.{counts[q.kind]}", comp.key,
                f"{ren} {comp.name.en} {ken}: {q.text.en}", f"{rzh}{comp.name.zh}{kzh}：{q.text.zh}")
        if comp.resources:
            add("resources", comp.key, comp.key,
                f"{ren} {comp.name.en} learning resources to practise and improve: "
                + "; ".join(r.title.en for r in comp.resources),
                f"{rzh}{comp.name.zh}学习资源（练习与提升）：" + "；".join(r.title.zh for r in comp.resources))
    return out


def build_passages(roles: list[RoleSpec] | tuple[RoleSpec, ...]) -> list[Passage]:
    passages = [p for role in roles for p in role_passages(role)]
    ids = [p.source_id for p in passages]
    assert len(set(ids)) == len(ids), "passage source ids must be unique"
    return passages
