"""Render a letter from its facts (prompts/feedback/<kind>.<language>.j2) and, optionally, polish it with the LLM.

The template receives only the facts. A polished body replaces the template body only after
`check_body` passes; otherwise the template body is kept and the reason is reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from candor.llm import vendor_chat_model
from prompts import render
from tools.feedback.check import FactCheckError, check_body

POLISH_INSTRUCTIONS = {
    "en": ("You polish feedback letters to job candidates. Rewrite the letter below so it reads warmly and clearly, "
           "in English. Keep every number, competency name, resource title and date exactly as written. Add nothing "
           "that is not in the FACTS: no other numbers, no guesses about the person, no mention of speech, pauses, "
           "facial expressions, weights, demographics or internal notes. Reply with the letter only."),
    "zh": ("你负责润色给求职者的反馈信。请用中文改写下面的信，使其语气温和、表达清晰，称呼求职者一律用“您”。所有数字、能力项名称、学习资源标题和日期"
           "必须与原文完全一致。不得添加事实（FACTS）之外的任何内容：不得出现其他数字，不得揣测个人情况，不得提及语速、停顿、"
           "面部表情、权重、人口统计信息或内部备注。只回复信件正文。"),
}


def render_letter(facts: dict) -> str:
    return render(f"feedback/{facts['kind']}.{facts['language']}.j2", f=facts)


@dataclass
class Polish:
    status: str  # "polished" | "rejected" | "failed" | "off"
    model: Optional[str] = None
    error: Optional[str] = None
    error_zh: Optional[str] = None
    rejected_body: Optional[str] = None


def polish_enabled(settings: Any) -> bool:
    return bool(settings is not None and getattr(settings, "provider", "embedded") != "embedded"
                and getattr(settings, "feedback_polish", True))


def polish_letter(body: str, facts: dict, settings: Any,
                  role_competencies: Iterable[tuple[str, str]] = ()) -> tuple[str, Polish]:
    """(the body to store, what happened). The template body is kept whenever the model's is not backed."""
    from langchain_core.messages import HumanMessage, SystemMessage

    language = facts.get("language", "en")
    try:
        model = vendor_chat_model(settings)
        reply = model.invoke([SystemMessage(content=POLISH_INSTRUCTIONS[language]),
                              HumanMessage(content=f"LETTER:\n{body}\n\nFACTS:\n"
                                                   f"{json.dumps(facts, ensure_ascii=False)}")])
    except Exception as exc:  # the provider is optional: any failure (no key, timeout) keeps the template letter
        return body, Polish(status="failed", model=settings.openai_model,
                            error=f"The model could not polish the letter ({type(exc).__name__}: {exc}); the "
                                  "template letter was kept.",
                            error_zh="模型未能润色这封信，已保留模板生成的信。")
    polished = str(reply.content or "").strip()
    try:
        if not polished:
            raise FactCheckError([{"en": "the model returned an empty letter", "zh": "模型返回了空白的信"}])
        check_body(polished, facts, role_competencies=role_competencies)
    except FactCheckError as exc:
        return body, Polish(status="rejected", model=settings.openai_model,
                            error=f"The polished letter was rejected: {exc} The template letter was kept.",
                            error_zh=f"润色后的信未被采用：{exc.message_zh} 已保留模板生成的信。",
                            rejected_body=polished)
    return polished, Polish(status="polished", model=settings.openai_model)
