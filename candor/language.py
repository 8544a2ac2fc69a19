"""Which language a text is in (English or Chinese): answers follow the user's language."""

import re

CJK = re.compile(r"[\u3400-\u9fff]")


def language_of(text: str) -> str:
    return "zh" if CJK.search(text or "") else "en"
