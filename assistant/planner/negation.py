"""What a message says it does not want.

A decision said not to be taken ("don't approve proposal 12 yet", "先别批12号提案") or still to be made ("还没想好批不批")
never decides: the planner shows the
thing instead (route.py). A message that opens by saying what it does not want ("Not the failure numbers - I only want
the definition of 'cost control'", "不用出报告哈，就直接告诉我…") is read for what follows.
"""

from __future__ import annotations

import re

from candor.language import sentences

NEGATED_DECISION = re.compile(
    r"\bnot\s+(?:approv|reject|accept|declin|decid)\w*|"
    r"\b(?:don'?t|do not|never|not yet|(?:i'?m|i am|we'?re|we are) not|hold off(?: on)?|wait (?:before|to)|no need to|shouldn'?t|let'?s not|better not)\s+"
    r"(?:\w+\s+){0,2}?(?:approv|reject|accept|declin|decid|send|sign|mark|clos|resolv|apply|ship|push|green)\w*"
    r"|\bbefore (?:i|we|you|mi) (?:\w+\s+)?(?:approv|reject|accept|declin|decid|sign)\w*"  # "before I approve proposal 8, …"
    r"|\bbefore (?:approving|rejecting|deciding on|signing off)\b[^,.;!?]{0,40},"  # "Before approving proposal 9, show me …"
    r"|(?:先别|(?<![特区个级类告分差识性派鉴])别(?![的人])|不要|先不要|暂时别|暂时不要|暂不|先不|不用|还不能|还不要|别急着|先莫|莫)\s*(?:[把将][^，,。；;！!？?]{0,10}?)?"
    r"(?:批|通过|驳回|拒|否|同意|采纳|发|标记|结|关)"
    r"|\b(?:whether|if) (?:to|we should|i should) (?:approve|reject|accept|sign off)\b"
    r"|\b(?:wag|huwag)\s+(?:mo\s+|nyo\s+|po\s+)?(?:muna\s+|munang\s+)?(?:i-?)?(?:approv|reject|decid|send)\w*"  # Taglish: "wag mo muna i-approve"
    r"|批不批|通不通过|同不同意|准不准|过不过(?!得)|要不要批",  # still deciding: "还没想好批不批"
    re.I | re.A)

# A decision said outright beside the negation ("Proposal 5: rejected. Don't apply it."): the message decides.
DECIDED = re.compile(r"\b(?:approv|reject|declin|veto|kill|scrap|shelv)\w*|\bturn(?:ed)? (?:it )?down\b|批准|驳回|拒绝|否决|打回|毙掉|否掉|退回",
                     re.I | re.A)


# A decision on a condition ("4. 如依据不充分，直接驳回", "reject it if the sample is under 30"): the condition is the
# user's to judge, so nothing is decided; the proposal is shown. ("如无其他异议，请予以批准", "if that's still possible"
# are courtesy, not conditions.)
_DECIDE = r"(?:approve|reject|decline|veto|turn (?:it )?down|驳回|批准|否决|批(?!评|准后)|通过(?!率)|同意)"
ON_CONDITION = re.compile(
    r"(?:\bif\b|\bunless\b|如果|若|要是|假如|万一|(?<![比例譬假])如(?![何此下今期实同常意无]))(?!\s+(?:that'?s|it'?s) (?:still )?"
    r"(?:possible|ok|okay|fine|alright))[^.;!?。；！？]{0,40}?[,，]\s*(?:then\s+|就|则|那就|那么)?\s*(?:直接|请|just\s+)?"
    r"(?:(?:go ahead|feel free|you can|you may)(?:\s+and)?\s+)?"
    + _DECIDE +
    r"|\b(?:approve|reject|decline)\s+(?:it|them|this|that|proposal\s*#?\d+|#?\d+)\s+(?:only\s+)?(?:if|unless)\b"
    r"(?!\s+(?:that'?s|it'?s) (?:still )?(?:possible|ok|okay|fine|alright))", re.I | re.A)


def negates_decision(question: str) -> bool:
    """The message says a decision is not (yet) to be taken, or takes it only on a condition, and takes none outside
    what it negates."""
    if NEGATED_DECISION.search(question) and not DECIDED.search(NEGATED_DECISION.sub(" ", question)):
        return True
    deciding = [s for s in sentences(question) if re.search(_DECIDE, s, re.I)]
    return bool(deciding) and all(ON_CONDITION.search(s) for s in deciding)


NEGATED_LEAD = re.compile(
    r"^\s*(?:(?:ah|oh|um|hmm|actually|no|nah|ok|okay|wait|sorry|please|scratch that|forget that)(?:[,\s]+|\s*[-–—]+\s*))*(?:(?:i'?m |i am |i )?(?:not|ain'?t) (?:ask(?:ing|in'?) (?:for|about|you to|whether|if|how|what|who)|required to|look(?:ing|in'?) for|after|interested in|"
    r"about|a |an |the |that |this |how |what |whether |if |just |only |(?=[a-z0-9]+(?:,\s*[a-z]+)?(?:\s[a-z0-9']+){0,4}(?:[.;!]\s|,\s|\s[-–—]+\s)))|"
    r"no need (?:for|to)|before (?:you|we) (?:make|draft|run|write|create|do|generate|propose|build)|(?:setting|leaving|putting|set|leave|put) aside|(?:i |we )?don'?t (?:need|want|show|write|draft|give|send|run|make|bother|change|touch|adjust|propose|suggest)|(?:i |we )?do not (?:show|write|draft|give|send|run|make)|never ?mind|forget|"
    r"(?:i |we )?no wan(?:t|na)? (?:know|see|hear))"  # Nigerian Pidgin: "I no wan know whether …. I wan know …"
    r"[^-–—:;.!?]{0,80}?(?:\s[-–—]+\s*|[-–—]{2}|[:;.!?]\s+|,\s+(?=(?:i|i'm|just|only|instead|rather|but|first|what|please|show|the|"
    r"give|tell|can|could|how|which|did|does|is|are|there'?s|there is|we have|we'?ve)\b)"
    r"|\s+(?=(?:i (?:want|need|would like|'d like)|just|only|instead|rather)\b))"
    r"|^\s*(?:(?:等等|等一下|等下|慢着|wait(?:\s+wait)*|hold on)[，,。！!\s]*)?(?:(?:先|暂)?不用|(?:先|暂|暂时|目前)?不需要?|先别|别再|(?:暂|暂时)?无[需须]|毋[需须]|不必|先?不要再?|唔使|唔驶|唔好|不使|"
    r"甭|先?莫要?再?|别(?:给(?:我|俺|咱))?(?:说|讲|管|扯|整|搞|弄)|(?:先|暂时?)不管|"
    r"我?不是(?:要|想|问|让你|看)?)[^，,。；;！!？?\s]{1,20}"
    r"(?:[，,。；;！!?？\s]+|哈[，,\s]*|了[，,\s]+)"
    # what is set aside first, then the ask ("绩效先不管，…", "這些先不看，…", "预测先放一边，…")
    r"|^\s*[^，,。；;！!？?\s]{1,20}?(?:先|暂时|暫時)(?:不管|不看|放一边|放一邊|放一放|放着|放著|不谈|不談|不提)(?:了|吧|啊|哈)?[，,。；;！!\s]+",
    re.I | re.A)


# A clause further on that says what is not wanted ("…of those we have hired. I do not require new weights at this
# stage, only the evidence.", "…看看数据就行，暂时不需要出新方案。"): left out when something else is asked.
NEGATED_CLAUSE = re.compile(
    r"(?:(?<=[.;!?,—–])|(?<=[.;!?,—–]\s))\s*(?:but\s+|and\s+|then\s+|so\s+)?(?:(?:i|we)\s+(?:do not|don'?t|dont)\s+(?:require|need|want)|(?:i'?m|i am|"
    r"we'?re|we are)\s+not\s+asking\s+(?:for|about))\s+"
    r"(?!to\s+know\b)[^,.;!?—–]{1,60}?(?:[,.;!?—–]|$)"
    # "not asking if she'd quit,", "His probability of leaving is not the question here.", "…we will discuss separately."
    r"|(?:^|(?<=[.;!?,])\s*)(?:just\s+)?(?:i'?m\s+|i am\s+|we'?re\s+|we are\s+)?not asking (?:if|whether|about|for|you to)\b[^,.;!?]{1,60}(?:[,.;!?]|$)"
    r"|(?:^|(?<=[.;!?])\s)[^.;!?]{0,60}\bis not the (?:question|point|issue|ask)\b[^.;!?]*(?:[.;!?]|$)"
    r"|(?:^|(?<=[.;!?])\s)[^.;!?]{0,60}\bis (?:a )?(?:separate|different|another) (?:worry|question|matter|issue|conversation|story)\b"
    r"[^.;!?]*(?:[.;!?]|$)"
    r"|(?<=[.;!?]\s)[^.;!?]{0,60}\b(?:we will|we'll|let'?s|i'?ll) (?:discuss|cover|look at|deal with|talk about) (?:\w+ ){0,2}?"
    r"(?:separately|later|another time)\b[^.;!?]*(?:[.;!?]|$)"
    r"|(?<=\s)(?:不用|不需要|不必|别)(?:看|管|查|算)[^，,。；;！!？?]{1,15}[，,。；;！!？?]"  # "C000550 不用看他会不会跳槽，"
    r"|(?<=[。；;，,！!？?])\s*(?:我|额|俺|咱)?(?:暂时|目前|先|现在|还|也)?(?:不需要|不用|不必|无需|不要|别)(?:你|给我)?[^，,。；;！!？?]{1,15}(?:[，,。；;！!？?]|$)"
    r"|(?<=[。；;，,！!？?—])\s*(?:我|额|俺)?(?:唔系|不是|并不是|并非)(?:问|要|想知|想问|想看|看|查)[^，,。；;！!？?]{1,20}(?:[，,。；;！!？?]|$)"
    r"|(?<=[。；;，,！!？?])\s*(?:我|俺|咱|咱们|我们)?(?:不管|不在乎|不关心)(?:他|她|他们|她们)?[^，,。；;！!？?]{1,12}(?:[，,。；;！!？?]|$)"
    # what is set aside ("Don't care how good he'd be, I want to know…", "…the forecast numbers, not the interview
    # breakdown.", "走不走先不管，…", "预测先放一边，…")
    r"|(?:^|(?<=[.;!?,])\s*)(?:but\s+)?(?:i\s+)?(?:don'?t|do not|dont) care (?:\w+\s+){0,2}?(?:about|how|whether|if|what)\b"
    r"[^,.;!?—–]{1,60}(?:[,.;!?—–]|\s-\s|$)"
    r"|(?:(?<=,)|(?<=[.;!?]\s))\s*(?:and\s+|but\s+)?not (?:the|a|an|his|her|their|any)\s+[^,.;!?—–]{1,40}(?=[,.;!?—–]|$)"
    # "…will she stay? not perf, retention.": the one word set aside
    r"|(?:(?<=[.;!?])\s|(?<=,)\s?)\s*not\s+[a-z]+(?:\s[a-z]+)?\s*[,;]\s*(?=[a-z]+\W*$)"
    r"|(?<=[.;!?]\s)\s*not\s+[a-z]+(?:\s[a-z]+)?\.\s+(?=\w)"
    # what is done already ("already had a gander at his flight risk, that's fine – if I take on …")
    r"|(?:^|(?<=[.;!?]\s))\s*(?:i(?:'ve| have)?\s+|we(?:'ve| have)?\s+)?already\s+[^.;!?—–]{1,60},\s*(?:that'?s|it'?s|all) (?:fine|ok|"
    r"okay|good|sorted|covered)\s*(?:[—–.;]|\s-\s)"
    # what is not meant, said first ("Not effect of weight change on fail rate — I mean did the change make it unfair?")
    r"|^\s*(?:no[,.]?\s+)?not\s+[^,.;!?—–]{1,60}(?:[—–,]|\s-\s)\s*(?=i mean\b|i'?m asking\b|what i (?:mean|want)\b)"
    # what is not a worry ("I'm not worried about retention for this one — what I need is …"), or put aside ("ok, flight
    # risk aside, what's her …")
    r"|(?:^|(?<=[.;!?,])\s*)(?:but\s+)?(?:i'?m|i am|we'?re|we are)\s+not\s+(?:worried|concerned|fussed|bothered)\s+(?:about|with)\b"
    r"[^,.;!?—–]{1,60}(?:[,.;!?—–]|\s-\s|$)"
    r"|(?:^|(?<=[,.;!?])\s*)[^,.;!?]{1,45}\s+aside\s*(?:[,—–]|\s-\s)"  # "Leaving the question of retention aside, …"
    # what is set aside mid-message ("…finalists. Forget whether they'll stay the whole contract — he just wants …")
    r"|(?:^|(?<=[.;!?]\s))\s*(?:(?:now|so|ok|okay|and|actually|wait|no)[,\s]+)?(?:forget|never ?mind|leave aside|set aside)\s+(?:about\s+)?(?:whether|if|how|the)\b[^,.;!?—–]{1,60}"
    r"(?:[,.;!?—–]|\s-\s)"
    r"|(?:^|(?<=[.;!?]\s))\s*(?:forget|never ?mind)\s+(?:about\s+)?[a-z]+(?:\s[a-z]+)?\s*"
    r"(?:[,.;!?—–]|\s-\s)"
    # what is not to be done instead ("…(request 9). Rather than closing the request, I would like …")
    r"|(?:^|(?<=[.;!?]\s)|(?<=[—–]\s)|(?<=\bso\s))\s*(?:rather than|instead of)\s+[^,;.!?]{1,60},\s*"  # "— so rather than …, "
    # the other thing named only to be set aside ("approve draft 12 not proposal 12 lol")
    r"|(?<=\w)\s+(?:and\s+|but\s+)?not\s+(?:the\s+)?(?:proposal|draft|letter|request|interview)\s*(?:no\.?\s*|number\s*|#)?\d+\b"
    # a step not to be taken yet ("…result. Don't rescore anything yet - just pull up the appeal")
    r"|(?<=[.;!?,]\s)\s*(?:don'?t|do not|dont)\s+(?:re-?score|score|draft|write|re-?run|run|send|make|create|propose|suggest)\b[^,.;!?—–]{0,40}(?:[,.;!?—–]|\s-\s|$)"
    # what comes later ("…to his manager before we write him anything"): not asked yet
    r"|\s+before (?:we|i|you) (?:write|draft|send|approve|reject|decide)\b[^,.;!?]{0,40}(?=[,.;!?]|$)"
    r"|(?:^|(?<=[。；;，,！!？?]))\s*[^，,。；;！!？?]{1,12}(?:先不管|先放一边|先放一放|暂且不管|暂且不提|先不说|不管了)[，,。；;！!？?\s]*"
    r"|(?<=\s)[^，,。；;！!？?\s]{1,12}(?:先不管|先放一边|先放一放|暂且不管|暂且不提|先不说|不管了)(?=[，,。；;！!？?\s]|$)"
    # what is had already, the ask after it ("除离职风险外，亦请预测其入职后的绩效评级区间")
    r"|(?:^|(?<=[。；;，,！!？?]))\s*除(?:了)?[^，,。；;！!？?]{1,12}(?:以外|之外|外)\s*[，,]?\s*(?=亦|也|还|另|请|再)"
    r"|(?:^|(?<=[。；;，,！!？?]))\s*(?:那|先)?(?:撇开|抛开|除开|放下)[^，,。；;！!？?]{1,14}(?:不讲|不谈|不说|不提|不管)[，,。；;！!？?\s]*",
    re.I)


# What is to come later, before what is asked first ("起草前请先告知其各胜任力得分", "在做公平性分析之前，我想先了解…",
# "Before you write anything, show me where he fell short first"): the ask is what follows.
BEFORE_LEAD = re.compile(
    r"^\s*(?:在|等)?(?:起草|写|拟|发|批|审批|做|出|跑|生成|提交|决定|汇报|开会|开展|进行|启动|执行|运行)[^，,。；;！!？?]{0,14}?(?:之前|以前|前)\s*[，,]?\s*"
    r"(?=[^。.!?！？]*(?:先|首先))"
    r"|^\s*(?:(?:wait|hold on|hold up|ok|okay|sorry)[,\s]+)*before (?:any|a|the) (?:proposal|draft|letter|decision|approval|new weights)\b"
    r"[^,.;!?—–]{0,30}(?:,|\s[—–-]+)\s*"
    r"|^\s*before (?:i|we|you|mi) (?:\w+\s+){0,6}?[^,.;!?:]{0,30}:\s*"  # "Before I look at any of them: are the weights …"
    # something to know first ("Before I sign off on proposal 14, I want to know whether …", "before I decide - do the
    # … scores even predict …?", "Wait before I send — show me …")
    r"|^\s*(?:(?:wait|hold on|hold up|ok|okay|sorry|hmm+)[,.\s]+)*before (?:i|we|you|mi) (?:\w+\s+){0,6}?\w+\s*(?:,|\s[—–-]+)\s*"
    r"(?=i (?:want|need|would like|'d like) to (?:know|see|check|understand)\b|(?:please\s+|pls\s+|just\s+)?(?:show|tell|give|check|"
    r"let me|lemme|pull up|walk me)\b|(?:do|does|did|is|are|was|were|has|have|can|could|how|what|which|why|whether)\b)"
    r"|^\s*before (?:i|we|you|mi) (?:\w+\s+){1,6}?[^,.;!?]{0,30},\s*(?=[^.!?]*\bfirst\b|(?:(?:please|pls|just|can you|could you)\s+)?"
    r"(?:let me|lemme|show|tell|give|check|pull up|walk me)\b)", re.I)


# A lead that acknowledges the answer before ("离职风险知道了。再瞅瞅…", "留存ok的话，再看下…", "Ok, noted on the
# attrition. And how good …"): the ask is what follows.
NOTED_LEAD = re.compile(
    r"^\s*[^。.!?！？，,]{0,12}(?:知道了|了解了|清楚了|明白了|收到了?|懂了|(?:ok|okay|没问题|可以|还行|没啥问题)的话)[。.!！，,\s]+"
    r"|^\s*(?:(?:ok(?:ay)?|right|cool|thanks)[,.!\s]+)?(?:got it|noted|understood|fair enough|makes sense)"
    r"(?:\s+(?:on|about|re|for)\s+[^.!?,]{1,40})?[.!,]\s+"
    # "ok so she's not likely to leave. would she…", "ok good, he'll stay. but how good…": the answer taken in
    r"|^\s*(?:ok(?:ay)?|right|cool|good|great|alright|fine|solid|nice)\b[^.!?]{0,40}[.!]\s+"
    r"(?=(?:but|and|so|now|then|what|how|would|could|will|is|are|does|do|can)\b)", re.I)


def affirmed(question: str) -> str:
    """The message without what it says it does not want — a lead ("Not the failure numbers - …") or a clause further
    on ("…, I don't need new weights, only the evidence") — or a lead acknowledging the answer before, when something
    else is left."""
    m = NEGATED_LEAD.match(question) or NOTED_LEAD.match(question) or BEFORE_LEAD.match(question)
    rest = question[m.end():] if m else question
    rest = rest if len(rest.strip()) >= 4 else question
    kept = NEGATED_CLAUSE.sub(" ", rest)
    return kept if len(kept.strip()) >= 8 else rest
