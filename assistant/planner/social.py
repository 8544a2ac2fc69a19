"""Greetings, thanks and goodbyes: a closed class of words, read by rule (staff and candidates alike).

A message made only of them ("hi", "good morning Candor!", "thanks a lot 👍", "辛苦了，多谢") gets the greeting or
the thanks; one that also asks something ("hi, what's the failure rate?") is read for what it asks.
"""

from __future__ import annotations

import re

_EN = {
    "hello": r"hi|hello|hey|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day)|morning|evening"
             r"|help|what\s+can\s+you\s+do|bye|goodbye|see\s+you|later|there|again|all|everyone|folks|team",
    "thanks": r"(?:nice|good|great)\s+(?:work|job)|well\s+done|thank\s+you|thanks?|thx|cheers|salamat(?:\s+po)?|merci|danke|"
              r"gracias|obrigad[oa]|grazie|arigato|asante|diolch|ta|much\s+appreciated|appreciate\s+it|many\s+thanks|a\s+lot|a\s+ton"
              r"|very\s+much|so\s+much|ok|okay|got\s+it|great|perfect|awesome|nice|cool|noted|understood",
}
_ZH = {
    "hello": r"你好|您好|嗨|哈喽|哈啰|早上好|上午好|中午好|下午好|晚上好|早安|在吗|在不在|在么|帮助|你能做什么|你会什么"
             r"|再见|拜拜|回见",
    "thanks": r"谢谢你?|谢谢您|多谢|谢啦|谢了|感谢|辛苦了|辛苦|好的|收到|明白了?|了解|知道了|好嘞",
}
_WORDS = {kind: re.compile(r"(?<![a-z])(?:" + _EN[kind] + r")(?![a-z])|" + _ZH[kind], re.I) for kind in _EN}
_REST = re.compile(r"[\W_]+|candor", re.I)  # punctuation, emoji, spaces, and the assistant's name


def social(text: str) -> str | None:
    """"hello" or "thanks" when the message holds nothing but greetings, thanks or goodbyes; None otherwise."""
    found = [kind for kind, words in _WORDS.items() if words.search(text)]
    rest = text
    for words in _WORDS.values():
        rest = words.sub(" ", rest)
    if not found or _REST.sub("", rest):
        return None
    return "thanks" if "thanks" in found and "hello" not in found else "hello"
