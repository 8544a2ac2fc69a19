"""Edits to a feedback letter said in a message: which quoted words to replace, remove or add.

Pure functions over the text. Offline, Candor changes a letter only by the words a user quotes ("replace “Dear
candidate” with “Dear Ms Li”", "把“此致”改成“祝好”", "add “Kind regards, the recruiting team” at the end"); it
never guesses which words "the sign-off" or "结尾的落款" are, and says how to quote them instead.
"""

from __future__ import annotations

import re

# Quoted words: "…", “…”, ‘…’, 「…」, 『…』, or '…' not inside a word (not the apostrophe of "don't"); 6 groups.
Q = (r"(?:\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|「([^」]+)」|『([^』]+)』|(?<![A-Za-z])'([^']+)'(?![A-Za-z]))")
_NOUN = r"(?:the\s+(?:words?|phrase|line|sentence|part|bit)\s+)?"
REPLACE = [re.compile(p, re.I) for p in (
    rf"\b(?:replace|change|swap|switch|turn|make)\s+{_NOUN}{Q}\s*(?:with|to|for|into|by)\s+{Q}",
    rf"{Q}\s*(?:should (?:say|read|be)|->|→|=>)\s*{Q}",
    rf"{Q}\s*(?:改成|改为|换成|换为|替换成|替换为|改写成|写成)\s*{Q}")]
REMOVE = [re.compile(p, re.I) for p in (
    rf"\b(?:remove|delete|drop|cut|strike|take out)\s+{_NOUN}{Q}",
    rf"(?:删掉|删除|去掉|删去|拿掉)\s*{Q}",
    rf"(?:把|将)\s*{Q}\s*(?:删掉|删除|去掉|删去|拿掉)")]
APPEND = [re.compile(p, re.I) for p in (
    rf"\b(?:add|append|put|include|end (?:it|the letter) with|close with|sign off with)\b[^\"“‘「『']{{0,40}}{Q}",
    rf"(?:加上|加|补上|补充|添上|添加|附上|写上)[^\"“‘「『']{{0,12}}{Q}")]
# Words that ask to change a letter's text, quoted or not ("reword the second paragraph", "把结尾的落款改成人力资源部").
EDIT_WORDS = re.compile(r"\b(?:put|use|add) (?:more|less|fewer|some) (?:\w+ )?(?:words|phrases|sentences|detail|warmth|empathy)\b|"  # "put more warm words in"
                        r"\b(?:edit|revise|reword|rewrite|rephrase|amend|modify|tweak|change|replace|remove|delete|add|append|soften|take out|"
                        r"cut out|get rid of|tone "
                        r"(?:it )?down|warm (?:it )?up)\b|\bmake it (?:sound )?(?:a (?:little|bit) )?(?:warmer|softer|friendlier|"
                        r"kinder|shorter|less (?:formal|cold|harsh))\b|\bmake (?:it|this|that|the letter|them) (?:sound |read |feel )?"
                        r"(?:a (?:little|bit|lot) |much |slightly )?(?:more|less) [a-z]+|"
                        r"\b(?:shorten|trim|tighten|cut) (?:it|the \w+)(?: down| up)?\b|"
                        r"^\s*(?:(?:uh|um|er|hmm+|ok|okay|so|and|maybe|pls|please)\W+)*(?:shorter|warmer|softer|friendlier|simpler|kinder|"
                        r"less (?:formal|fancy|wordy|stiff|corporate|cold|harsh)|more formal)\b"  # "(uh) shorter" after a letter
                        r"|\btoo (?:apologetic|long|formal|harsh|cold|stiff|wordy|soft|blunt|robotic|corporate|vague)\b"
                        r"|\b(?:firmer|punchier|half as long|cut the fluff|trim the fat)\b"
                        r"|\b(?:paki)?palitan\b|\bgawing mas\b"  # Taglish: "pakipalitan lang yung second paragraph, gawing mas malumanay"
                        r"|砍短|砍一半|砍掉|缩短|精简|删减|短一?点|太长了|重写|说人话|(?:说|写)得?(?:直白|简单|通俗|口语化?)一?[点些]|"
                        r"(?:别|莫|不要)(?:写得?)?(?:那么|这么)|(?:再|更)(?:温和|委婉|客气|柔和|热乎|亲切|口语化|正式|简短|短|软|暖和|暖)(?:一)?[点些]|"
                        r"修改|改一下|改改|改成|改为|换成|替换|删掉|删除|去掉|加上|补上|添加|加一句|改(?:得)?(?:暖|软|短|温和|委婉|客气)", re.I | re.A)


def _quoted(m: re.Match, first: int) -> str:
    return next(g for g in m.groups()[first:first + 6] if g is not None)


def letter_edits(text: str) -> dict | None:
    """review_feedback's edit arguments for the quoted words a message changes, or None when it quotes none."""
    changes, spans = [], []
    for pattern in REPLACE:
        for m in pattern.finditer(text):
            changes.append({"find": _quoted(m, 0), "replace_with": _quoted(m, 6)})
            spans.append(m.span())
    for pattern in REMOVE:
        changes += [{"find": _quoted(m, 0), "replace_with": ""} for m in pattern.finditer(text)
                    if not any(a <= m.start() < b for a, b in spans)]
    appended = [_quoted(m, 0) for p in APPEND for m in p.finditer(text) if not any(a <= m.start() < b for a, b in spans)]
    if not changes and not appended:
        return None
    return {"changes": changes, **({"append": "\n\n".join(appended)} if appended else {})}


def unquoted(text: str) -> str:
    """The message without its quoted words (a number or a name in them is the letter's, not the request's)."""
    return re.sub(Q, " … ", text)


def asks_to_edit(text: str) -> bool:
    """The message asks to change a letter's text (quoted words or not)."""
    return letter_edits(text) is not None or bool(EDIT_WORDS.search(text))
