"""Which language a text is in (English or Chinese): answers follow the user's language."""

import re

CJK = re.compile(r"[\u3400-\u9fff]")


_SENTENCES = re.compile(r"[^.;!?。；！？\n]+")


def language_of(text: str) -> str:
    return "zh" if CJK.search(text or "") else "en"


def sentences(text: str) -> list[str]:
    """The text's sentences, in either language, without their end marks (a full stop, ;, ?, !, 。, a line break)."""
    return [s for s in _SENTENCES.findall(text) if s.strip()]
