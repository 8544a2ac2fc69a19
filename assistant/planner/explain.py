"""Questions about how one of Candor's features works, not requests to run it ("how is the failure rate
calculated?", "what is the performance prediction based on?", "权重提案批准之后会直接生效吗？").

`explains` recognises them; `topic_text` picks the feature's explanation from prompts/help_topics.yaml (by its
words, or by the tool that answered before: "how is that calculated?"). The help answer says it first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

TOPICS_FILE = Path(__file__).resolve().parents[2] / "prompts" / "help_topics.yaml"

_MADE = (r"calculated|computed|measured|defined|derived|determined|estimated|worked out|decided|assigned|generated|"
         r"created|drafted|made|built|raised|triggered|chosen|picked|set|counted|flagged|ranked|weighted|predicted")
EXPLAINS = re.compile(
    r"\bhow(?: exactly| precisely| actually| then)? (?:is|are|was|were|do|does|did)\b[^?？]{0,60}?\b(?:" + _MADE + r")\b"
    r"|\bhow (?:do|does) (?:you|it|candor|the system) (?:calculate|compute|measure|define|estimate|decide|predict|"
    r"score|work out|come up with|know|pick|choose)\b"
    r"|\bhow (?:the |your |this |that |candor's )[\w' -]{1,40}\b(?:decides|calculates|computes|works|measures|"
    r"estimates|predicts|picks|chooses|scores|ranks|counts|flags)\b"
    r"|\bhow (?:do|does|did|will|would|can) (?:you|it|ur|your|the|this|that|candor)\b[\w' -]{0,40}?\b(?:figure out|work out|"
    r"decide|tell|judge|determine|come up with)\b|\bhow (?:does|do) [^?？]{0,60}\bwork\b"
    r"|\bhow (?:does|do) [\w' -]{1,40}\b(?:decide|determine|calculate|compute|judge)\b"
    r"|\bwhat goes into\b|\b(?:rule|logic|reasoning|thinking|maths?|science) behind\b"
    r"|\bwhat (?:is|are|'s|'re)? ?(?:the |your |this |that |those |these )?[\w' -]{0,40}\b(?:based on|derived from)\b"
    r"|\bwhere (?:do|does) (?:the |your |this |that )?[\w' -]{1,40}\b(?:come from|get (?:its|their|the|your) "
    r"(?:numbers|data|figures|inputs))"
    r"|\bwhat (?:inputs?|data|factors?|variables?|features?|signals?) (?:does|do|did) (?:the |your |this |that )?[\w' -]{1,40}"
    r"\b(?:rely on|use|consider|look at|take into account)\b"
    r"|\bdifference between\b|\bhow (?:is|are|does|do) [\w' -]{1,40} differ\b|\bdiffers? from\b"
    r"|\b(?:automatic(?:ally)?|auto-?(?:sent|applied|apply))\b"
    r"|\b(?:explain|walk me through|tell me how)\b[^?？]{0,30}\b(?:logic|method(?:ology)?|math|formula|maths|process|"
    r"workflow|works?|steps|lifecycle)\b"
    r"|\b(?:methodology|formula|under the hood|the logic (?:behind|of))\b"
    r"|\bjust explain\b|\bdon'?t run (?:anything|it|one|the \w+)\b"  # "just explain pls, dont run anything"
    r"|\bwhat (?:model|method|algorithm|approach|statistics?|test) (?:do you|does it|does (?:the|that) [\w -]{1,30}) use\b"
    r"|\bwhat (?:does|do) (?:a |an |the )?[\w' -]{1,40} mean\b|\bwhat (?:is|are|'s) (?:the |this |that )?"
    r"[\w' -]{1,40} (?:module|feature|function|tab|page) (?:for|about)\b"
    r"|^\s*(?:so\s+|and\s+|ok\s+)?what(?: is|'s| are) (?:the |a |an |this |that )?[\w' -]{1,40} (?:used )?for\s*[?？.!]*\s*$"
    r"|\bwhat happens (?:when|after|once|if) (?:i |we |you |an? |the )?[\w -]{0,30}\b(?:approv|reject|mark|resolv|"
    r"close|decline|run)\w*"
    r"|口径(?:是|怎么|如何)|(?:什么|啥|哪个)口径|原理|怎么算的?|如何(?:计算|算|定义|判定|判断|估计|预测|评估|生成|衡量)|怎么(?:计算|定义|判定|估计|估算|衡量|生成|出来)的?"
    r"|依赖哪些|用了哪些(?:数据|因素|指标|变量)|考虑了哪些(?:因素|数据)|计算方法|算法|什么公式|按什么(?:规则|标准|公式)|怎么运作|如何运作|怎么运转|(?:看|根据|基于)哪些因素|依据(?:是什么|是啥|什么)|基于什么|根据什么(?:算|得出|来|判断)|怎么来的|从哪(?:里|儿)?来的?|是干(?:嘛|什么|啥)(?:用)?的"
    r"|是做什么的|有什么用|(?:什么|啥)区别|区别是(?:什么|啥)|逻辑是(?:什么|啥|怎样)|(?:什么|啥)逻辑|(?:哪|几)几?步|什么流程|"
    r"流程是(?:什么|啥|怎样)|(?:会|是)(?:定时)?自动|(?:会|能)?(?:马上|立即|立刻|直接)生效|会直接发|怎么判断|怎么判定|自动跑|定时(?:跑|运行|执行)|手动(?:触发|跑|运行)|(?:怎么|如何)使用|(?:功能|模块)怎么用|自动(?:发|生效|应用|执行)|是什么意思|啥意思|什么含义|会直接生效|批准(?:之|以)?后会|(?:之后|以后)[，,][^？?。]{0,30}(?:是否还?会|还会不会|会不会|还会)",
    re.I | re.A)


@dataclass(frozen=True)
class Topic:
    topic: str
    tools: tuple[str, ...]
    words: re.Pattern
    en: str
    zh: str


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    items = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    return tuple(Topic(t["topic"], tuple(t.get("tools") or ()), re.compile(f"{t['en_words']}|{t['zh_words']}", re.I),
                       t["en"], t["zh"]) for t in items)


# One particular thing, not a feature: "第九号提案的依据是啥", "这份方案的逻辑是什么", "what is this proposal based on".
_PARTICULAR = re.compile(r"第?[一二两三四五六七八九十百]+号|第[一二两三四五六七八九十百]+(?:个|份|条|封)|(?:这|那)(?:个|份|条|封|次)?"
                         r"(?:提案|方案|草稿|信|申请|请求|面试|候选人)|\b(?:this|that|these|those) (?:proposals?|drafts?|"
                         r"letters?|requests?|interviews?|candidates?|hires?)\b|\beach (?:one|of (?:them|the|these|those))\b"  # "the reasoning behind each one", "… each of the changes"
                         # one person of the answer before: "风险最高那个人，风险是怎么算出来的", "how is his risk worked out"
                         r"|(?:这|那)(?:个|位)(?:人|员工|新人|同事)|(?:这|那)位|该(?:预测|提案|方案|草稿|信|申请|报告|面试|候选人|员工|结果)|\b(?:his|her|him|the (?:top|first|riskiest|highest) one)\b", re.I | re.A)


def explains(question: str) -> bool:
    """The message asks how a feature works, what it is based on or for, or how two things differ."""
    return bool(EXPLAINS.search(question)) and not _PARTICULAR.search(question)


def topic_of(question: str, previous_tool: str | None = None) -> Topic | None:
    """The feature the question names, else the one of the tool that answered before."""
    found = next((t for t in topics() if t.words.search(question)), None)
    if found is None and previous_tool:
        found = next((t for t in topics() if previous_tool in t.tools), None)
    return found


def topic_text(question: str, language: str, previous_tool: str | None = None) -> str | None:
    """How that feature works, in `language`."""
    found = topic_of(question, previous_tool)
    if found is None:
        return None
    return found.zh if language == "zh" else found.en
