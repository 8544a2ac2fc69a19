"""Role-profile questions: what a role needs, its question bank, rating scales, what to practise.

A pure function over the text: whether a message asks the role profiles, and with which arguments
for `search_role_profiles`. Checked after the competency tools, so "are the weights right?" stays there.
"""

from __future__ import annotations

import re

from assistant.planner.nlu import Understanding

NEEDS = re.compile(r"what (does|do|should) (a|an|the|our)?\s*.{2,60}?\s(need|require|ask for|call for)|\bprofile (actually )?says?\b|岗位画像|"
                   r"\bin (?:the|its|their) (?:role )?profile\b|\bone of (?:their|its|the role'?s|the) (?:competencies|skills|requirements)\b|"  # "What education does the sales role ask for in the profile?"
                   r"what (the|a|an|our) .{2,60}?\s(requires|needs)\b|"
                   r"what (skills|competencies|abilities) (does|do|are)|requirements? (for|of)|what are (the|its|their) requirements|"
                   r"需要(哪些|什么)(能力|技能)|(能力|技能)要求|要求(哪些|什么)(能力|技能)|权重是多少|岗位要求|"
                   r"(需要|要求)具备", re.I)
QUESTIONS = re.compile(r"\b(scenario|situational|behaviou?ral|interview)\s+questions?\b|question bank|"
                       r"questions? (to ask|for (the )?interview)|面试题|面试问题|题库|(情景|情境|行为)(面试)?题", re.I)
PRACTISE = re.compile(r"\bpractis\w*|\bpractice\b|learning resources?|how (can|should|do) .{0,30}improve|"
                      r"练习|学习资源|怎么提升|如何提升|提高.{0,8}(方法|资源)", re.I)
SCALE = re.compile(r"rating scale|\blevels?\s*[1-5]\b|behaviou?rally anchored|评分标准|(?<![0-9])[1-5]\s*级|行为锚定",
                   re.I)
# Failure-statistics words: such a message belongs to failure_stats even when it names a section.
STATS = re.compile(r"\bfail\w*|pass(ed|ing)? rate|how many (candidates|interviews)|失败|通过率|淘汰|没通过|未通过", re.I)
# "What does a Data Scientist need?": the role named where the sentence puts it, known or not.
NEEDS_ROLE = re.compile(r"what (?:does|do|should) (?:a |an |the |our )?(?P<name>[\w&/ -]{2,40}?) (?:need|require)", re.I)
GENERIC_SUBJECTS = {"candidate", "candidates", "someone", "person", "people", "applicant", "applicants", "new hire",
                    "hire", "they", "you", "i", "we", "it", "this role", "the role", "role"}
DEFINE = re.compile(r"\bdefin(e|ition)\b|what is meant by|是什么意思|的定义", re.I)


def knowledge_call(text: str, u: Understanding) -> dict | None:
    """`search_role_profiles` arguments when the message asks the role profiles; None otherwise."""
    if STATS.search(text):
        return None
    if QUESTIONS.search(text):
        section = "questions"
    elif PRACTISE.search(text):
        section = "resources"
    elif SCALE.search(text):
        section = "scale"
    elif DEFINE.search(text):
        section = "competency"
    elif NEEDS.search(text):
        section = None
    else:
        return None
    args: dict = {"query": text}
    if u.role is None and section is None and (m := NEEDS_ROLE.search(text)) \
            and m.group("name").strip().lower() not in GENERIC_SUBJECTS:
        u.role, u.role_known = m.group("name").strip(), False
    if u.role and (u.role_known or u.role_described or not u.competency):
        # An unknown name goes to the tool too, which answers with suggestions rather than other roles' weights.
        args["role"] = u.role
    if u.competency:
        args["competency"] = u.competency
    if section:
        args["section"] = section
    return args
