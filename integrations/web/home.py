"""GET /: what Candor is and where everything is, in English and Chinese."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from candor.settings import dev_tokens
from integrations.web.deps import SettingsDep

router = APIRouter(include_in_schema=False)

QUESTION_EN = "What is the AI interview failure rate for Marketing Planner over the last 3 months?"
QUESTION_ZH = "市场策划近3个月的AI面试失败率是多少？"
STYLE = ("body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:46rem;margin:2.5rem auto;padding:0 1rem;"
         "line-height:1.55;color:#1d2733}h1{margin-bottom:.2rem}h2{margin-top:2rem;font-size:1.15rem}"
         "pre{background:#f3f5f8;padding:.7rem;overflow-x:auto;font-size:.85rem}code{background:#f3f5f8;padding:0 .2rem}"
         "section+section{border-top:1px solid #dde3ea;margin-top:2rem}")


def _tokens(settings) -> tuple[str, str]:
    """How to get a staff token here, in English and Chinese."""
    if dev := dev_tokens(settings):
        listed = ", ".join(f"<code>{t}</code>" for t in dev)
        return (f"In development these tokens work: {listed} (HR manager, recruiter). For real users set "
                "<code>CANDOR_STAFF_TOKENS</code> (README, Settings).",
                f"开发环境可直接使用：{listed}（HR 经理、招聘专员）。正式使用请设置 <code>CANDOR_STAFF_TOKENS</code>"
                "（见 README 的 Settings 一节）。")
    return ("Staff tokens are configured in <code>CANDOR_STAFF_TOKENS</code>; ask whoever runs this server for one.",
            "员工令牌由 <code>CANDOR_STAFF_TOKENS</code> 配置，请向本服务器的管理员索取。")


@router.get("/")
def home(request: Request, settings: SettingsDep) -> HTMLResponse:
    base = escape(f"{request.url.scheme}://{request.url.netloc}")
    token_en, token_zh = _tokens(settings)
    token = next(iter(dev_tokens(settings)), "TOKEN")
    curl = (f"curl -s {base}/api/chat -H 'Authorization: Bearer {token}' \\\n"
            f"     -H 'Content-Type: application/json' -d '{{\"message\": \"{{q}}\"}}'")
    page = f"""<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Candor</title><style>{STYLE}</style>
<body><h1>Candor</h1>
<section lang="en">
<p>An HR assistant for AI-interview programs: it keeps failed interviews as structured data (competency scores,
gaps, evidence, failure reasons) and answers HR managers and recruiters in English or Chinese — failure
statistics, competency weights, feedback letters, fairness audits. Every number comes from the database.</p>
<h2>Where things are</h2>
<ul>
<li><a href="/docs">API documentation</a> (Swagger UI; also <a href="/redoc">ReDoc</a>, works offline) and
<a href="/openapi.json">the OpenAPI schema</a>.</li>
<li>The chat API: <code>POST /api/chat</code> with a staff token (below); reports, interviews to score and
feedback letters under <code>/api/</code>.</li>
<li>The console: <code>.venv/bin/python app.py chat</code> in a terminal on this machine, or
<code>.venv/bin/python app.py ask "…"</code> for one question.</li>
<li>Candidate pages: <code>/c/&lt;link&gt;</code>, one signed, expiring link per candidate, made by
<code>.venv/bin/python app.py candidate-link C000123</code> or <code>POST /api/candidates/{{id}}/link</code>.</li>
<li><a href="/healthz">Health</a>: database and provider.</li>
</ul>
<h2>A staff token</h2><p>{token_en}</p>
<pre>{escape(curl.replace("{q}", QUESTION_EN))}</pre>
</section>
<section lang="zh-CN">
<p>面向 AI 面试项目的 HR 助手：把未通过的面试保存为结构化数据（胜任力得分、差距、证据、失败原因），用中文或英文回答
HR 经理和招聘专员的问题——失败率统计、胜任力权重、反馈信、公平性审计。所有数字都来自数据库。</p>
<h2>入口</h2>
<ul>
<li><a href="/docs">API 文档</a>（Swagger UI；另有 <a href="/redoc">ReDoc</a>，无需联网）和
<a href="/openapi.json">OpenAPI 定义</a>。</li>
<li>对话 API：<code>POST /api/chat</code>，需要员工令牌（见下）；报告、面试评分和反馈信都在 <code>/api/</code> 下。</li>
<li>命令行：在本机终端运行 <code>.venv/bin/python app.py chat</code>，或用
<code>.venv/bin/python app.py ask "…"</code> 提一个问题。</li>
<li>候选人页面：<code>/c/&lt;链接&gt;</code>，每位候选人一个带签名、会过期的链接，由
<code>.venv/bin/python app.py candidate-link C000123</code> 或 <code>POST /api/candidates/{{id}}/link</code> 生成。</li>
<li><a href="/healthz">健康检查</a>：数据库与模型提供方。</li>
</ul>
<h2>员工令牌</h2><p>{token_zh}</p>
<pre>{escape(curl.replace("{q}", QUESTION_ZH))}</pre>
</section></body></html>"""
    return HTMLResponse(page)
