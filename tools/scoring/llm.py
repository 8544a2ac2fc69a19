"""The LLM competency scorer: the rubric and the transcript to the configured chat model, structured output back.

The model returns a level, a score and verbatim evidence quotes. A quote that is not in the transcript
(after folding whitespace and case) means the model invented evidence: the whole score is rejected and
the caller falls back to the embedded scorer, saying so.
"""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, Field

from tools.scoring.embedded import BANDS, CompetencyJudgement
from tools.scoring.rubric import CompetencyRubric

SCORER = "llm"


class CompetencyRating(BaseModel):
    """Rate one competency of an interview answer against its behaviourally anchored rating scale."""

    level: int = Field(ge=1, le=5, description="the rubric level (1-5) whose observable behaviour the answer shows")
    score: float = Field(ge=0, le=100, description="0-100, inside the level's band")
    evidence_quotes: list[str] = Field(description="sentences copied verbatim from the transcript that show the level")
    rationale: str = Field(default="", description="one sentence: why this level")


class LlmScoreRejected(Exception):
    """The model's rating cannot be used; the message says why (for the interview's notes)."""


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip().strip("\"'“”‘’「」").strip()


def _prompt(rubric: CompetencyRubric, transcripts: list[str], language: str) -> list[tuple[str, str]]:
    comp = rubric.spec
    scale = "\n".join(f"Level {lv}: {en} / {zh}" for lv, en, zh in rubric.anchors)
    bands = ", ".join(f"level {lv}: {lo:g}-{hi:g}" for lv, (lo, hi) in BANDS.items())
    answers = "\n\n".join(f"Answer {i + 1}:\n{t}" for i, t in enumerate(transcripts))
    definition = f"{comp.definition.en} / {comp.definition.zh}" if comp.definition else ""
    system = ("You rate job-interview answers against a behaviourally anchored rating scale (BARS). Judge only "
              "what the candidate says they did; rate the highest level whose behaviour the answer clearly shows. "
              "Evidence quotes must be copied character for character from the transcript; never paraphrase. "
              f"Score bands: {bands}.")
    user = (f"Competency: {comp.name.en} / {comp.name.zh}\nDefinition: {definition}\nScale (behaviour, then "
            f"evidence example, per level):\n{scale}\n\nTranscript ({language}):\n{answers}")
    return [("system", system), ("human", user)]


def llm_judgement(chat_model, rubric: CompetencyRubric, transcripts: list[str], language: str) -> CompetencyJudgement:
    structured = chat_model.with_structured_output(CompetencyRating, method="function_calling")
    try:
        rating = structured.invoke(_prompt(rubric, transcripts, language))
    except Exception as exc:  # the provider is an outer boundary: any failure falls back, with the reason
        raise LlmScoreRejected(f"the LLM scorer failed ({type(exc).__name__}: {str(exc)[:200]})") from exc
    if rating is None:
        raise LlmScoreRejected("the LLM scorer returned no rating")
    haystack = _fold("\n".join(transcripts))
    quotes = [q for q in rating.evidence_quotes if q.strip()]
    if not quotes:
        raise LlmScoreRejected("the LLM scorer gave no evidence quote")
    invented = [q for q in quotes if _fold(q) not in haystack]
    if invented:
        raise LlmScoreRejected(f"the LLM scorer quoted words that are not in the transcript: {invented[0]!r}")
    lo, hi = BANDS[rating.level]
    score = round(min(max(rating.score, lo), hi), 1)  # a score outside its level's band is pulled into it
    verbatim = [_verbatim(q, transcripts) for q in quotes]
    notes = [] if score == rating.score else [f"LLM score {rating.score:g} moved into level {rating.level}'s band"]
    return CompetencyJudgement(rating.level, score, verbatim, SCORER, [], notes)


def _verbatim(quote: str, transcripts: list[str]) -> str:
    """The transcript's own spelling of a quote the model matched up to case and spacing."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in quote.strip().strip("\"'“”‘’「」").split()), re.IGNORECASE)
    for transcript in transcripts:
        if match := pattern.search(transcript):
            return match.group(0)
    return quote.strip()
