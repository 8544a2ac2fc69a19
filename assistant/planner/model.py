"""EmbeddedPlanner: a LangChain chat model that plans tool calls and renders answers offline."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import replace
from typing import Any, Callable, Optional

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool

from assistant.planner.candidate import candidate_reply
from assistant.planner.classifier import IDS as ID_PATTERN
from assistant.planner.competency import CompetencyCall
from assistant.planner.explain import explains, topic_text
from assistant.planner.feedback import language_asked
from assistant.planner.followups import PLACE as _PLACE
from assistant.planner.followups import PLACES as _PLACES
from assistant.planner.letter_edits import asks_to_edit, letter_edits, unquoted
from assistant.planner.nlu import Understanding, understand
from assistant.planner.render import (
    render_clarify,
    render_help,
    render_refusal,
    render_tool_result,
)
from assistant.planner.report import report_args, report_followup
from assistant.planner.route import decide, option_descriptions
from assistant.planner.route_words import CAPABILITY, PROPOSING, WEAKEST_PART
from assistant.planner.shorthand import expand
from assistant.planner.slots import DRAFT_VERBS, calls_for, fill_from_metric
from assistant.planner.two_asks import split_asks
from candor.periods import YEAR_EARLIER, PeriodError, a_year_earlier
from prompts import render


class EmbeddedPlanner(BaseChatModel):
    """Deterministic planner. `vocabulary` returns the known role/competency names; `clock` the time."""

    vocabulary: Callable[[], Any]
    clock: Callable[[], Any]

    @property
    def _llm_type(self) -> str:
        return "candor-embedded-planner"

    def bind_tools(self, tools, *, tool_choice: Optional[str] = None, **kwargs: Any):
        # The agent binds on every model call; the schemas of a tool object never change, so convert once.
        return self.bind(tools=[_schema(t) for t in tools], tool_choice=tool_choice, **kwargs)

    def _generate(self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs: Any) -> ChatResult:
        allowed = {t["function"]["name"] for t in kwargs.get("tools") or []}
        return ChatResult(generations=[ChatGeneration(message=self._next(messages, allowed))])

    def _next(self, messages: list[BaseMessage], allowed: set[str]) -> AIMessage:
        if "my_feedback" in allowed:  # a candidate's turn: only their own application (planner/candidate.py)
            return candidate_reply(messages, allowed)
        human_at = max(i for i, m in enumerate(messages) if isinstance(m, HumanMessage))
        question = _asked(messages[human_at])
        vocab = self.vocabulary()
        u = _understood(question, vocab, self.clock())
        if isinstance(messages[-1], ToolMessage):
            tool_msgs = [m for m in messages[human_at:] if isinstance(m, ToolMessage)]
            parts = [render_tool_result(m.name or "failure_stats", _text(m), u.language, show_trend=u.show_trend,
                                        question=question, show_pass_rate=u.show_pass_rate,
                                        lead_share=u.share_of, lead_trend=u.show_trend,
                                        lead_not_completed=u.not_completed,
                                        lead_weakest=bool(WEAKEST_PART.search(question))) for m in tool_msgs]
            if u.refusal:
                parts.append(render_refusal(u.language, u.refusal))
            if split_asks(question) is not None and decide(question, u, vocab, previous_tool=_last_tool(
                    messages[:human_at]), allowed=allowed).unanswered:  # "…, then the flight risks too": said, not dropped
                parts.append(render(f"answers/second_ask.{u.language}.j2"))
            return AIMessage(content="\n\n".join(parts))

        earlier = messages[:human_at]
        if u.intent == "refuse":
            return AIMessage(content=render_refusal(u.language, u.refusal))
        if (picked := _picked_option(question, earlier, vocab, self.clock(), allowed)) is not None:
            question, u = picked  # "2" after Candor asked back: the second reading of the earlier question
        elif (named := _named_by_place(question, earlier)) != question:
            question = named  # "close the first one" after the requests: "close request 7"
            u = _understood(question, vocab, self.clock())
        decision = decide(question, u, vocab, previous_tool=_last_tool(earlier), allowed=allowed)
        if decision.unanswered and (asks := split_asks(question)) is not None:
            # the first request's names and numbers only ("1) list the pending proposals 2) …": no proposal 1)
            question, u = asks[0], _understood(asks[0], vocab, self.clock())
        if decision.intent in ("help", "out_of_scope", *LISTS_ITEMS) and _PLACE.search(question):
            # "close the first one", "第一个批了" still here: no list before it named the item. The first of which list?
            first = LISTS_ITEMS.get(decision.intent)
            lists = sorted(dict.fromkeys(LISTS_ITEMS.values()), key=lambda i: i != first)  # in a fixed order
            decision = replace(decision, intent="clarify", source="clarify", options=[i for i in lists if i in allowed])
        if (decision.intent == "clarify" and decision.options[:1] and decision.options[0] in ABOUT_A_PERSON
                and _person_meant(question, earlier)):  # "will they stay?" after one candidate's answer: about them
            decision = replace(decision, intent=decision.options[0], source="person")
        intent = decision.intent
        if u.refusal and (intent in ("help", "out_of_scope") or intent == "clarify" and u.refusal != "language"):
            return AIMessage(content=render_refusal(u.language, u.refusal))
        if intent in ("help", "out_of_scope"):
            roles = [r.name_zh if u.language == "zh" else r.name_en for r in vocab.roles]
            topic = (topic_text(question, u.language, _last_tool(earlier))
                     if intent == "help" and (explains(question) or CAPABILITY.search(question)) else None)
            return AIMessage(content=render_help(u.language, roles, understood=intent == "help",
                                                 can=allowed,
                                                 out_of_scope=intent == "out_of_scope", topic=topic))
        if intent == "clarify":  # (in another language: the readings, and that Candor reads English and Chinese)
            asked = render_clarify(u.language, option_descriptions(decision.options, u.language))
            return AIMessage(content=asked + ("\n\n" + render_refusal(u.language, u.refusal) if u.refusal else ""))
        if decision.rule_calls:
            calls = [c if isinstance(c, CompetencyCall) else CompetencyCall(c[0], c[1]) for c in decision.rule_calls]
            return self._competency(calls, u, earlier, allowed, question)
        if intent == "build_report":
            if decision.source == "followup" and _previous_call(earlier, "build_report"):
                args = report_followup(_previous_call(earlier, "build_report") or {}, u, question)
                return self._report(args, u, allowed, question)
            return self._report(report_args(question, u), u, allowed, question)
        if intent == "fairness_audit":
            return self._fairness(u, earlier, allowed, question)
        if intent == "decide_proposal" and decision.source == "followup" and not _PROPOSAL_NAMED.search(question):
            if (shown := _proposal_shown(earlier)) is not None:  # "looks good, go ahead with it"
                question = f"proposal {shown}: {question}"
            calls = calls_for(intent, question, u)
            if isinstance(calls, dict):
                return _error(intent, calls["error"], u, question, slot=calls["slot"])
            return self._competency(calls, u, earlier, allowed, question)
        if intent == "review_feedback" and asks_to_edit(question) and not _PROPOSAL_NAMED.search(unquoted(question)):
            # "把“此致”改成“祝好”" after a letter was shown: that letter (the tool asks which one when none was)
            shown = (_letter_shown(earlier) or {}).get("draft_id")
            args = {"action": "edit", **({"draft_id": shown} if shown else {}), **(letter_edits(question) or {})}
            return self._competency([CompetencyCall(intent, args)], u, earlier, allowed, question)
        if (intent == "review_feedback" and decision.source == "followup" and not _PROPOSAL_NAMED.search(question)
                and (verb := next((a for a, p in DRAFT_VERBS if p.search(question)), None)) in ("approve", "send")
                and (shown := (_letter_shown(earlier) or {}).get("draft_id"))):
            # "OK 这版可以，approve", "那就发吧" after a letter was drafted or shown: that letter, not the list of drafts
            call = CompetencyCall(intent, {"draft_id": shown, "action": verb})
            return self._competency([call], u, earlier, allowed, question)
        if (intent == "draft_feedback" and decision.source == "followup" and (language := language_asked(question))
                and (interview := (_letter_shown(earlier) or {}).get("interview_external_id"))):
            # "can you do a Chinese version too?" after a letter: that candidate's letter again, in that language
            call = CompetencyCall(intent, {"interview": interview, "language": language})
            return self._competency([call], u, earlier, allowed, question)
        if intent != "failure_stats":
            if decision.source == "followup" and (previous := _previous_call(earlier, intent)) is not None:
                if "draft_id" in previous and not _PROPOSAL_NAMED.search(question) and (
                        verb := next((a for a, p in DRAFT_VERBS if p.search(question)), None)):
                    previous = {"draft_id": previous["draft_id"], "action": verb}  # "approve it" after draft 3
                    return self._competency([CompetencyCall(intent, previous)], u, earlier, allowed, question)
                fresh = calls_for(intent, question, u)
                named = fresh[-1].args if isinstance(fresh, list) and fresh[-1].tool == intent else {}
                args = _followup_args(previous, u, named, self.clock(), earlier)
                return self._competency([CompetencyCall(intent, args)], u, earlier, allowed, question)
            if intent in ABOUT_A_PERSON and (person := _person_meant(
                    question, earlier, switched=decision.source == "followup" or u.followup)) is not None:
                seen = {i for i in ID_PATTERN.findall(_last_result(earlier) or "") if i[0] in "Ii"}
                if intent == "score_interview" and len(seen) == 1:
                    person = seen.pop()  # "how did he score on each part?" after his prediction: the interview it used
                question = f"{question} ({person})"  # "how would they do if we hired them?" after scoring their interview
            calls = calls_for(intent, question, u)
            if isinstance(calls, dict):  # a slot the tool cannot do without: ask for it
                return _error(intent, calls["error"], u, question, slot=calls["slot"])
            if (intent == "draft_feedback" and not calls[-1].args.keys() & {"interview", "candidate", "role"}
                    and _THOSE_PEOPLE.search(question) and (batch := _failures_shown(earlier)) is not None):
                # "draft feedback letters for these people" after the failure figures: everyone who failed there
                calls[-1].args.update({k: v for k, v in batch.items() if k not in calls[-1].args})
            return self._competency(calls, u, earlier, allowed, question)
        if "failure_stats" not in allowed:
            return _error("failure_stats", "forbidden", u, question)
        previous = _previous_call(earlier, "failure_stats")
        args = _merge(previous if (u.followup or decision.source == "followup") else None, u, self.clock(), earlier)
        return AIMessage(content="", tool_calls=[{"name": "failure_stats", "args": args,
                                                  "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"}])

    def _competency(self, calls: list[CompetencyCall], u: Understanding, earlier: list[BaseMessage],
                    allowed: set[str], question: str) -> AIMessage:
        vocab = self.vocabulary()
        for call in calls:
            if call.tool not in allowed:
                return _error(call.tool, "forbidden", u, question)
            fill_from_metric(call, question, vocab)
            if call.needs_role and "role" not in call.args:
                role = _last_role(earlier)  # "And propose new weights" after a question about a role
                if role is None:
                    return _error(call.tool, "role_needed", u, question)
                call.args["role"] = role
        return AIMessage(content="", tool_calls=[{"name": c.tool, "args": c.args, "type": "tool_call",
                                                  "id": f"call_{uuid.uuid4().hex[:12]}"} for c in calls])

    def _report(self, args: dict, u: Understanding, allowed: set[str], question: str) -> AIMessage:
        if "build_report" not in allowed:
            return _error("build_report", "forbidden", u, question)
        calls = [{"name": "build_report", "args": args, "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"}]
        if u.intent == "fairness_audit" and "fairness_audit" in allowed and not u.individual:
            # "Quarterly report with charts, include adverse impact by gender": the audit beside the report, same scope
            audit = {"role": args.get("role"), "period": args.get("period"), "attributes": u.attributes or None}
            calls.append({"name": "fairness_audit", "args": {k: v for k, v in audit.items() if v is not None},
                          "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"})
        return AIMessage(content="", tool_calls=calls)

    def _fairness(self, u: Understanding, earlier: list[BaseMessage], allowed: set[str], question: str) -> AIMessage:
        if "fairness_audit" not in allowed:  # recruiters and candidates: say who may run it
            return _error("fairness_audit", "hr_only", u, question)
        if u.individual:  # aggregates only: never one person's demographics
            return _error("fairness_audit", "individual_demographics", u, question)
        previous = _previous_call(earlier, "fairness_audit") if u.followup else None
        args = dict(previous or {})
        if "role" in u.slots or previous is None:
            args["role"] = None if u.all_roles else u.role
        if "period" in u.slots:
            args["period"] = u.period
        if "attributes" in u.slots:
            args["attributes"] = u.attributes
        args = {k: v for k, v in args.items() if v is not None}
        return AIMessage(content="", tool_calls=[{"name": "fairness_audit", "args": args,
                                                  "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"}])


def _error(tool: str, code: str, u: Understanding, question: str, **data: Any) -> AIMessage:
    """An answer that explains, without calling the tool, why it cannot run (or what it still needs)."""
    payload = json.dumps({"error": code, "tool": tool, "message": "", **data})
    return AIMessage(content=render_tool_result(tool, payload, u.language, show_trend=False, question=question))


_LAST: dict[str, tuple] = {}


def _understood(question: str, vocab: Any, now: Any) -> Understanding:
    # A turn reads its question twice (to plan, then to render): understand it once.
    key = (question, id(vocab), now.date() if hasattr(now, "date") else now)  # periods depend on the day only
    hit = _LAST.get("turn")
    if hit is None or hit[0] != key:
        hit = _LAST["turn"] = (key, understand(question, vocab, now))
    u = hit[1]
    return replace(u, slots=set(u.slots), attributes=list(u.attributes))


_SCHEMAS: dict[int, tuple[Any, dict]] = {}


def _schema(tool: Any) -> dict:
    cached = _SCHEMAS.get(id(tool))
    if cached is None or cached[0] is not tool:
        cached = _SCHEMAS[id(tool)] = (tool, convert_to_openai_tool(tool))
    return cached[1]


def _asked(message: BaseMessage) -> str:
    """What a person asked, with workplace shorthand written out ("sales mgr" read as "sales manager")."""
    return expand(_text(message))


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, list):
        return " ".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def _previous_call(messages: list[BaseMessage], tool: str) -> dict | None:
    for message in reversed(messages):
        if isinstance(message, AIMessage):
            for call in message.tool_calls:
                if call["name"] == tool:
                    return dict(call["args"])
    return None


_PROPOSAL_NAMED = re.compile(r"\d")
# Tools that can be about one person, and the words that mean the person the conversation is about.
ABOUT_A_PERSON = ("predict_performance", "attrition_risk", "draft_feedback", "score_interview")
_PERSON = re.compile(r"\b(?:him|her|them|they|he|she|this (?:person|candidate|one|guy|applicant)|that (?:person|candidate|"
                     r"one|guy|applicant)|the (?:same )?(?:person|candidate|applicant))\b|(?:这|那|该)(?:个|位|名)?(?:人|候选人|应聘者)|"
                     r"他|她|此人", re.I)
_CANDIDATE_ID = re.compile(r"(?<![A-Za-z0-9])C\d{4,9}(?!\d)")


def _last_result(earlier: list[BaseMessage]) -> str | None:
    """The text of the last tool result in the conversation."""
    last = next((m for m in reversed(earlier) if isinstance(m, ToolMessage)), None)
    return _text(last) if last is not None else None


_WHO = re.compile(r"\b(?:which|who)\b|哪些|哪几个|谁", re.I)


def _person_meant(question: str, earlier: list[BaseMessage], *, switched: bool = False) -> str | None:
    """The candidate a message means by "they", "that person", "这个人" and names no one: the one the last answer
    was about (a scored interview's candidate, a prediction's), if it named exactly one. A follow-up that turns to
    another question about the same person needs no pronoun (`switched`: "那绩效呢？" after her risk of leaving)."""
    if ID_PATTERN.search(question) or not (_PERSON.search(question) or switched and not _WHO.search(question)):
        return None  # ("and which hires might leave?" asks for a list, not about that one)
    named = set(_CANDIDATE_ID.findall(_last_result(earlier) or ""))
    return named.pop() if len(named) == 1 else None


# The tools whose answers list numbered items a later message can point at by place ("the first one"), and the list
# each is about.
LISTS_ITEMS = {"candidate_requests": "candidate_requests", "review_proposals": "review_proposals",
               "review_feedback": "review_feedback", "decide_proposal": "review_proposals"}
# (where the list stands in a tool's result, the key of its items' numbers, what the number is called in en / zh)
_LISTS = ((("requests",), "request_id", "request", "号申请"), (("proposals",), "proposal_id", "proposal", "号提案"),
          (("drafts",), "draft_id", "draft", "号草稿"),
          (("batch", "listed"), "draft_id", "draft", "号草稿"))  # the letters just drafted for a role: "看下第一封"


def _named_by_place(question: str, earlier: list[BaseMessage]) -> str:
    """The question with "the first one" written as the thing the last answer listed first ("request 7")."""
    m = _PLACE.search(question)
    if m is None or (last := _last_result(earlier)) is None:
        return question
    try:
        data = json.loads(last)
    except ValueError:
        return question
    for path, id_key, noun, zh_noun in _LISTS:
        rows = data
        for key in path:
            rows = rows.get(key) if isinstance(rows, dict) else None
        if not rows or not isinstance(rows, list) or not all(isinstance(r, dict) and id_key in r for r in rows):
            continue
        place = m.group("en") or m.group("zh")
        index = -1 if (place or "").lower() == "last" or m.group("zlast") else _PLACES[place.lower()]
        if index >= len(rows):
            return question
        number = rows[index][id_key]
        named = f"{number}{zh_noun}" if m.group("zh") or m.group("zlast") else f"{noun} {number}"
        return question[:m.start()] + named + question[m.end():]
    return question


def _proposal_shown(messages: list[BaseMessage]) -> int | None:
    """The proposal the last answer about proposals showed, when it showed exactly one."""
    for message in reversed(messages):
        if isinstance(message, ToolMessage) and message.name in PROPOSING:
            try:
                data = json.loads(_text(message))
            except ValueError:
                return None
            if not isinstance(data, dict) or "error" in data:
                return None  # "there is no proposal 17" showed none
            shown = {data.get("proposal_id"), *(a.get("proposal_id") for a in data.get("alerts") or []),
                     *(p.get("proposal_id") for p in data.get("proposals") or [])}
            shown.discard(None)
            return shown.pop() if len(shown) == 1 else None
    return None


def _letter_shown(messages: list[BaseMessage]) -> dict | None:
    """The feedback letter the last answer about letters showed, when it showed exactly one: its row (a draft, or the
    one line of a list), with "draft_id" and "interview_external_id"."""
    for message in reversed(messages):
        if isinstance(message, ToolMessage) and message.name in ("draft_feedback", "review_feedback"):
            try:
                data = json.loads(_text(message))
            except ValueError:
                return None
            if not isinstance(data, dict):
                return None
            if draft := data.get("draft"):
                return {**draft, "draft_id": draft["id"]}
            listed = data.get("drafts") or []
            return listed[0] if len(listed) == 1 else None
    return None


def _last_role(messages: list[BaseMessage]) -> str | None:
    for message in reversed(messages):
        if isinstance(message, AIMessage):
            for call in message.tool_calls:
                if call["args"].get("role"):
                    return call["args"]["role"]
    return None


# The people an answer before counted ("letters for these people", "给这些人都写一下"), not one person.
_THOSE_PEOPLE = re.compile(r"\b(?:these|those|them|they|everyone|everybody|all of them|each of them|the people|the ones)\b"
                           r"|这些|那些|他们|她们|这批|这几个|每个人|每位|挂了的|没过的", re.I)


def _failures_shown(earlier: list[BaseMessage]) -> dict | None:
    """The role and period of the failure figures the last answer gave, when it was about one role."""
    last = _last_tool(earlier)
    previous = _previous_call(earlier, last) if last in ("failure_stats", "build_report") else None
    if not previous or not previous.get("role"):
        return None
    return {"role": previous["role"], **({"period": previous["period"]} if previous.get("period") else {})}


def _last_tool(messages: list[BaseMessage]) -> str | None:
    for message in reversed(messages):
        if isinstance(message, AIMessage) and message.tool_calls:
            return message.tool_calls[-1]["name"]
    return None


def _merge(previous: dict | None, u: Understanding, now: Any, earlier: list[BaseMessage]) -> dict:
    """A follow-up keeps the previous question's slots and changes only what the user changed."""
    args = dict(previous or {})
    if "role" in u.slots or previous is None:
        new_role = None if u.all_roles else u.role
        if new_role != args.get("role"):
            args.pop("competency", None)  # competencies belong to a role
        args["role"] = new_role
    if "competency" in u.slots:
        args["competency"] = u.competency
        if args.get("category") != "competency_gap" and "category" not in u.slots:
            args.pop("category", None)  # a competency filter means competency gaps
    if "category" in u.slots:
        args["category"] = None if u.clear_category else u.category
        if u.clear_category and "competency" not in u.slots:
            args.pop("competency", None)  # "all reasons" lifts every filter
        if args["category"] not in (None, "competency_gap") and "competency" not in u.slots:
            args.pop("competency", None)  # only competency gaps name a competency
    if "period" in u.slots:
        args["period"] = _period_asked(args.get("period"), u, previous is not None, now, earlier)
    return {k: v for k, v in args.items() if v is not None}


def _period_asked(before: str | None, u: Understanding, follows: bool, now: Any,
                  earlier: list[BaseMessage]) -> str | None:
    """The period a message asks for: "and a year ago?" after a question is its period a year back (and after a
    question that already asked that, the same period again: "去年同期呢" after "and a year ago?")."""
    if not (u.year_earlier and follows):
        return u.period
    asked_before = next((_text(m) for m in reversed(earlier) if isinstance(m, HumanMessage)), "")
    if YEAR_EARLIER.search(asked_before):
        return before
    try:
        return a_year_earlier(before, now)
    except PeriodError:
        return u.period  # the question before had a period Candor could not place: it says so again


CHOICE = re.compile(r"^\s*(?:option\s*|选项?\s*|第\s*)?([1-3])\s*(?:个|项)?\s*[.。!！]?\s*$", re.I)


def _picked_option(question: str, earlier: list[BaseMessage], vocab: Any, now: Any, allowed: set[str]):
    """A bare "2" answering Candor's "did you mean…": the earlier question, read as that option."""
    m = CHOICE.match(question)
    if not m or len(earlier) < 2 or not isinstance(earlier[-1], AIMessage) or earlier[-1].tool_calls:
        return None
    asked = next((x for x in reversed(earlier) if isinstance(x, HumanMessage)), None)
    if asked is None:
        return None
    before = _asked(asked)
    u = _understood(before, vocab, now)
    decision = decide(before, u, vocab, allowed=allowed)
    n = int(m.group(1))
    if decision.intent != "clarify" or n > len(decision.options):
        return None
    u.forced_intent = decision.options[n - 1]
    return before, u


IDS = ("candidate", "interview", "proposal_id", "draft_id", "request_id")


def _followup_args(previous: dict, u: Understanding, named: dict, now: Any, earlier: list[BaseMessage]) -> dict:
    """A follow-up to a competency question: the previous arguments with the role, period or the id it names
    changed ("and C000124?", "and proposal 2?"); `named`: the arguments the message alone would give."""
    if any(k in IDS for k in named):
        return dict(named)  # an id names the whole request ("and C000124?", "approve 12" after the drafts)
    args = dict(previous)
    if "role" in u.slots and u.role and not u.all_roles:
        args["role"] = u.role
    if "period" in u.slots and (period := _period_asked(args.get("period"), u, True, now, earlier)):
        args["period"] = period
    return args
