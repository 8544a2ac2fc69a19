"""Greetings, thanks and goodbyes: a closed class of words, read by rule (staff and candidates alike).

A message made only of them ("hi", "good morning Candor!", "thanks a lot 👍", "辛苦了，多谢") gets the greeting or
the thanks; one that also asks something ("hi, what's the failure rate?") is read for what it asks.
"""

from __future__ import annotations

import re

_EN = {
    "hello": r"hi|hello|hey|hiya|howdy|howzit|yo|greetings|kia\s+ora|good\s+(?:morning|afternoon|evening|day)|morning|evening"
             r"|help|what\s+can\s+you\s+do|bye|goodbye|see\s+you|later|there|again|all|everyone|folks|team"
             r"|take\s+care|ingat(?:\s+po)?(?:\s+kayo)?|that(?:'ll|\s+will)\s+be\s+all|that'?s\s+all|for\s+(?:today|now)|have\s+a\s+(?:good|nice|great|lovely)\s+(?:day|one|weekend|evening)",
    "thanks": r"(?:nice|good|great)\s+(?:work|job)|well\s+done|thank\s+you|thanks?|thx|3q|cheers|(?:maraming\s+)?salamat(?:\s+po)?(?:\s+sa\s+(?:tulong|lahat))?|merci(?:\s+beaucoup)?|danke(?:\s+sch(?:ö|oe)n)?|vielen\s+dank|muchas\s+gracias|grazie\s+mille|"
              r"dankie|shukran|dhanyavaa?d|terima\s+kasih|spasibo|kamsahamnida|"
              r"gracias|obrigad[oa]|grazie|arigato|asante|diolch(?:\s+yn\s+fawr)?|ta|much\s+appreciated|appreciate\s+it|many\s+thanks|a\s+lot|a\s+ton"
              r"|very\s+much|so\s+much|ok|okay|got\s+it|great|perfect|awesome|nice|cool|noted|understood"
              r"|that'?s|splendid|lovely|brilliant|grand|excellent",
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


# Courtesy before a request ("Thank you!! Sorry, could I also get it by competency?", "Thank you so much, you've been
# really helpful! Sorry, one last thing, how likely is he to do well in R&D?"): a sentence of thanks or apology.
_COURTESY = re.compile(r"(?<![a-z])(?:thank|thanks|thx|sorry|apologi[sz]e|apologies|appreciate|helpful|cheers|hi|hello|hey|"
                       r"asante|merci|danke|gracias|obrigad[oa]|salamat|"
                       r"good (?:morning|afternoon|evening))(?![a-z])|谢|不好意思|抱歉|辛苦|您好|你好|唔该", re.I)
_ASKS = re.compile(r"[?？]|(?<![a-z])(?:could|can|would|will) (?:you|i|we)(?![a-z])|(?<![a-z])(?:please|pls|(?<!thank ya )(?<!thank you )(?<!thanks )kindly|show|give|"
                   r"tell|draft|run|send|approve|reject|do|make|build|generate|again|why|what|how|which|who|"
                   r"when|did|does|prepare|write|put|break|list|compare|wonder|grateful)(?![a-z])"
                   r"|(?<![a-z])it would be (?:sensible|good|great|helpful|useful|nice|ideal|best)(?![a-z])"
                   r"|(?<![a-z])(?:would|'d) (?:like|appreciate)(?![a-z])|请|帮|吗|能不能|可以|麻烦|看下|看看|再|下次|接着|有没有|是不是|怎么|什么|多少|哪|几|想", re.I)
# Praise for an answer given ("that report was exactly what I needed", "上次那个报表领导蛮满意的").
_PRAISE = re.compile(r"(?<![a-z])(?:was|were|went|has been|have been|is)(?![a-z]).{0,30}(?<![a-z])(?:exactly|great|helpful|perfect|"
                     r"useful|well received|spot on|brilliant|a hit|a lifesaver|just what|beautiful\w*|impressed|amazing|excellent|"
                     r"fantastic|savage|deadly|class|sound|legend)(?![a-z])|(?<![a-z])(?:keeps?|make|makes|keep) (?:\w+ ){0,3}happy(?![a-z])|(?<![a-z])(?:saved (?:my|our|the) (?:bacon|life|lives|day|skin|neck)|did the trick|"
                     r"hit the spot|nailed it|you(?:'ve)? help(?:ed)? (?:me|us) (?:a lot|so much|heaps|loads|a ton)|(?:it'?s|that'?s|this'?s|has|have|you'?ve) made (?:such |a )?(?:a )?(?:big |huge |real |massive )?difference)(?![a-z])|满意(?!度)|很有用|帮了大忙|太好了|好用", re.I)
# Thanks for something given ("cheers for the report yesterday mate", "thanks for the numbers this morning").
_THANKS_FOR = re.compile(r"(?<![a-z])(?:thanks|thank you|thank ya|cheers|ta) for (?:the|that|this|your|all the|those) (?:\w+ )?\w+", re.I)
_WH = re.compile(r"(?<![a-z])(?:why|what|how|which|who|when)(?![a-z])", re.I)
_SENTENCE = re.compile(r"[^.!?。！？]*(?:[.!?。！？]+|$)")


def thanks_only(text: str) -> bool:
    """Thanks and praise for an answer given, asking nothing ("Asante sana, that report was exactly what I needed!")."""
    # (a question word inside praise, with no question mark, asks nothing: "…a difference to how quickly we reply")
    asks = _ASKS.search(text if re.search(r"[?？]", text) else _WH.sub(" ", text))
    return bool(_COURTESY.search(text) and (_PRAISE.search(text) or _THANKS_FOR.search(text)) and not asks)


def past_courtesy(text: str) -> str:
    """The message without the sentences of thanks or apology before its request; the message when there are none."""
    sentences = [s for s in _SENTENCE.findall(text) if s.strip()]
    for at, sentence in enumerate(sentences[:-1]):
        if not _COURTESY.search(sentence) or _ASKS.search(sentence):
            break
        rest = "".join(sentences[at + 1:]).strip()
        if _ASKS.search(rest) and not social(rest):
            text = rest
    return text


# A message written as a letter ("Dear Candor,\n\n… could you list …?\n\nMany thanks,\nCatrin", "尊敬的Candor：…此致 敬礼"):
# the salutation and the sign-off (with the name under it) frame the request and ask nothing.
_SALUTATION = re.compile(r"^\s*(?:dear\b[^,\n:!]{0,40}[,:!]?|(?:hi|hello|hey|good (?:morning|afternoon|evening))\b[^,\n:!]{0,30}"
                         r"[,:!]?(?=\s*\n))\s*|^\s*(?:尊敬的|亲爱的)[^，,：:\n]{0,20}[：:，,]\s*", re.I)
_SIGN_OFF = (r"(?:{before})(?:(?:many |a thousand )?(?:thanks|thank you)(?: (?:very much|so much|in advance|again))?"
             r"(?: for (?:your|the|any) (?:help|time|assistance|support))?|(?:kind|best|warm|warmest|many) regards|"
             r"regards|best(?: wishes)?|cheers|sincerely|yours (?:sincerely|faithfully|truly)|with thanks|"
             r"谢谢|多谢|感谢|辛苦了?|此致\s*敬礼|顺祝商祺|祝好)[,.!！。~～]*"
             r"(?:\s*\n\s*[^\n]{{1,40}})?\s*$")
# On a line of its own; after a salutation, also after the last sentence ("…? Thank you in advance.").
_OWN_LINE = re.compile(_SIGN_OFF.format(before=r"\n\s*"), re.I)
_AFTER_SENTENCE = re.compile(_SIGN_OFF.format(before=r"\n\s*|(?<=[.!?。！？])\s*"), re.I)


def unframed(text: str) -> str:
    """The message without a letter's salutation and sign-off, when a request is left; the message otherwise."""
    body = _SALUTATION.sub("", text, count=1)
    sign_off = _AFTER_SENTENCE if body != text else _OWN_LINE
    while (shorter := sign_off.sub("", body, count=1)) != body:
        body = shorter
    return body.strip() if len(body.strip()) >= 12 and body.strip() != text.strip() else text
