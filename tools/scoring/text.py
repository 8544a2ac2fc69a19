"""Reading an answer: sentences (kept as exact slices of the transcript), STAR cues and specificity, EN and ZH.

These are the observable features the rubric's behaviour anchors talk about: did the candidate describe
a situation, their own task and actions, a result; were the actions and outcomes concrete (numbers,
named steps); did they hedge or say they have not done it; did they go beyond their own work (set a
standard, trained others).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from knowledge.retrieval import is_chinese

# A sentence ends at . ! ? ; (not inside a number like 1.5) or their full-width forms, or a line break.
_SENTENCE = re.compile(r"[^.!?;。！？；\n]+(?:(?<=\d)\.(?=\d)[^.!?;。！？；\n]*)*[.!?;。！？；]*")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the transcript: transcript[start:start + len(text)] == text


def sentences(transcript: str) -> list[Sentence]:
    """Sentences as exact slices of the transcript, so evidence quotes are always verbatim."""
    out = []
    for match in _SENTENCE.finditer(transcript):
        raw = match.group(0)
        stripped = raw.strip()
        # Chinese commas chain clauses into very long sentences; split those at "，" as well.
        if len(stripped) >= 2:
            offset = match.start() + raw.index(stripped)
            out.extend(_split_long_chinese(stripped, offset))
    return out


def _split_long_chinese(text: str, offset: int) -> list[Sentence]:
    if not is_chinese(text) or len(text) <= 60:
        return [Sentence(text, offset)]
    parts, start = [], 0
    for match in re.finditer(r"，", text):
        if match.end() - start >= 20:
            parts.append(Sentence(text[start:match.end()].strip("，"), offset + start))
            start = match.end()
    if start < len(text):
        parts.append(Sentence(text[start:], offset + start))
    return [p for p in parts if len(p.text) >= 2]


def _any(patterns: str) -> re.Pattern:
    return re.compile(patterns, re.IGNORECASE)


# STAR: situation, task, action, result. English cues are whole phrases; Chinese cues are substrings.
STAR_CUES = {
    "situation": _any(r"\b(when|last (year|month|week|quarter)|at my (last|previous)|in my (last|previous)|once|"
                      r"one time|one day|there was|we had|had a|during|years? ago|in 20\d\d|in the field|"
                      r"an? (customer|client|supplier|project|launch|event|shift|line|prototype)|"
                      r"our (line|plant|team|client|customer|product|supplier|app|site))\b|"
                      r"当时|有一次|去年|上个月|之前在|以前在|那年|那次|曾经|期间|在上一家"),
    "task": _any(r"\b(my (job|task|role|goal|responsibility) was|i was (responsible|asked|in charge)|i owned|"
                 r"i had to|we had to|i needed to|we needed to|the goal was|target|deadline|assigned|"
                 r"to make sure|so that|in order to)\b|"
                 r"负责|我的任务|目标是|要求我|需要我|我主导|由我|截止"),
    "action": _any(r"\bi (then |first |also |personally )?(built|set|ran|checked|called|organi[sz]ed|wrote|"
                   r"designed|led|asked|made|created|analy[sz]ed|tested|measured|found|traced|fixed|changed|"
                   r"replaced|negotiated|proposed|introduced|trained|scheduled|planned|reviewed|compared|split|"
                   r"mapped|interviewed|visited|agreed|escalated|prepared|reran|rebuilt|added|used|moved|"
                   r"switched|booked|sent|met|talked|listened|coached|drafted|launched|simulated|modelled|"
                   r"modeled|calculated|documented|cut|reduced|isolated|stopped|shut|locked|inspected)\b|"
                   r"我(先|就|又|还|马上|立刻|随后|然后|亲自|主动)?(做了|组织|安排|制定|设计|建立|检查|分析|测试|"
                   r"测量|找到|排查|更换|调整|协调|沟通|联系|带领|推动|提出|引入|培训|编写|整理|复盘|对比|拆解|"
                   r"走访|访谈|约|召集|准备|重新|改|用|把|给|和|跟|去|停|锁|验证|计算|仿真|谈)"),
    "result": _any(r"\b(result|as a result|in the end|finally|so that|which (cut|saved|raised|reduced|increased)|"
                   r"reduced|increased|improved|saved|cut|raised|dropped|grew|won|delivered|closed|"
                   r"on time|zero|no (more )?(incidents|complaints|rework|queries))\b|\d+\s*%|"
                   r"结果|最终|最后|因此|降低|提高|提升|减少|节省|增长|下降|缩短|按时|达成|完成了|签下|零"),
}
NUMBER = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|percent|k\b|万|元|小时|天|周|个|次|人|家|台|公斤|kg|mm|毫米)?|"
                    r"[一二三四五六七八九十两百千万]+(?:个|次|人|家|台|天|周|小时|倍|成|月|年)|"
                    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|hundred|thousand|"
                    r"twice|half|a quarter|a third|dozen)\b", re.IGNORECASE)
# Past-tense verbs narrate what the candidate did; a few -ed words are states, not actions.
_PAST = re.compile(r"\b(?!(?:needed|used|based|interested|involved|supposed|tired|scared|worried|excited|"
                   r"called|named|red|bed|need|seed|speed|feed|indeed|hundred|united|limited|related)\b)"
                   r"[a-z]{3,}ed\b|\b(?:built|ran|set up|wrote|made|found|led|met|cut|sent|took|gave|brought|held|"
                   r"kept|spent|sold|won|drew|began|chose|spoke|taught|told|went|got|put|split|shut|rang|fought|"
                   r"rebuilt|rewrote|broke down|sat down)\b", re.IGNORECASE)
_ZH_ACTION = re.compile(r"(收集|检查|发现|排查|拆解|分析了|测试|测量|验证|计算|仿真|更换|调整|修改|改了|改成|组织|召集|安排|"
                        r"协调|沟通|联系|约了|拜访|走访|访谈|带领|推动|提出|引入|培训|编写|写了|整理|复盘|对比|设计了|"
                        r"建立|制定|做了|跑了|停机|锁定|上报|汇报|展示|说服|谈判|让步|签|上线|发布|跟进|记录)")
# Saying one has not done it, or would hand it to someone else: the lowest anchors.
HEDGE = _any(r"\b(i have never|i've never|never (done|had|run|used)|haven't (done|had|run|used|really)|"
             r"not sure|don't know|no idea|i guess|i would probably|probably ask|ask (my|a) (colleague|manager|lead)|"
             r"my (manager|lead|boss|supervisor) (usually |always )?(handled|did|does|decided)|"
             r"someone else|just (wait|hope)|not really|i didn't|i did not|wasn't involved)\b|"
             r"没做过|没有做过|从来没|没接触|不太清楚|不清楚|不知道|不太会|没什么经验|大概会|可能会问|问同事|"
             r"让领导|领导处理|主管处理|交给别人|等着|不太了解|没参与|说不好")
# Going beyond one's own work: standards, training others, spreading a method: the top anchor.
BEYOND = _any(r"\b(standard|standardi[sz]ed|template|playbook|policy|guideline|trained|coached|mentored|taught|"
              r"across (the|all) (team|teams|plants|sites|company|department|region)s?|company-wide|"
              r"other teams|rolled (it )?out|adopted by|now used by|department|whole team now|"
              r"i now (run|hold|use|lead)|monthly review|weekly review|checklist)\b|"
              r"规范|标准|模板|制度|培训|带教|辅导|推广|全公司|全部门|各部门|其他团队|其他工厂|所有产线|沿用|体系")
# Improving on the routine, preventing rather than reacting: the level-4 anchor.
IMPROVE = _any(r"\b(optimi[sz]ed|improved|redesigned|prevent(ed|ive|ion)?|proactively|root cause|"
               r"before it|ahead of|anticipat\w+|systematic\w*|data|trend|measured|by \d+)\b|"
               r"优化|改进|预防|提前|主动|根本原因|根因|系统地|数据|趋势|量化")


@dataclass(frozen=True)
class AnswerFeatures:
    star: dict[str, bool]
    numbers: int
    actions: int
    hedges: int
    beyond: int
    improve: int
    sentences: int
    chinese: bool

    @property
    def star_count(self) -> int:
        return sum(self.star.values())

    def as_dict(self) -> dict:
        return {**asdict(self), "star_count": self.star_count}


def features(transcript: str) -> AnswerFeatures:
    return AnswerFeatures(
        star={part: bool(pattern.search(transcript)) for part, pattern in STAR_CUES.items()},
        numbers=len(NUMBER.findall(transcript)),
        actions=len(_PAST.findall(transcript)) + len(_ZH_ACTION.findall(transcript)),
        hedges=len(HEDGE.findall(transcript)),
        beyond=len(BEYOND.findall(transcript)),
        improve=len(IMPROVE.findall(transcript)),
        sentences=len(sentences(transcript)),
        chinese=is_chinese(transcript),
    )


def quality_level(f: AnswerFeatures) -> float:
    """The level the answer's structure and specificity support, on the rubric's 1-5 scale.

    An answer that hedges and names no action sits at 1; each STAR part, concrete action and number
    lifts it; improving on the routine and going beyond one's own work are what levels 4 and 5 describe.
    """
    level = 1.0
    level += 0.35 * f.star_count                      # up to +1.4 for a complete STAR story
    level += 0.25 * min(f.actions, 4)                 # up to +1.0 for concrete own actions
    level += 0.3 * min(f.numbers, 3)                  # up to +0.9 for measurable facts
    level += 0.35 * min(f.improve, 2)                 # up to +0.7 for improving or preventing
    level += 0.5 * min(f.beyond, 2)                   # up to +1.0 for standards, training others
    level -= 0.8 * min(f.hedges, 3)                   # hedging or not having done it pulls down
    if f.sentences <= 1 and f.actions == 0:
        level = min(level, 2.0)                       # one vague sentence cannot show a higher anchor
    return max(1.0, min(5.0, level))
