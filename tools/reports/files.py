"""The files of a recruiter report: a CSV export and a PNG chart of the monthly failure rate.

Both are drawn from a `BuildReportResult` and nothing else, so every figure in them is in the result.
matplotlib is imported inside the chart functions: `python app.py ask` never loads it. The chart uses
matplotlib's object API (no pyplot, no global rcParams), so concurrent requests do not share state.
"""

from __future__ import annotations

import csv
import logging
import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from tools.reports.build import BuildReportResult

log = logging.getLogger("candor.reports")

# Families that cover Chinese, best first; Debian's fonts-noto-cjk provides the first two.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Source Han Sans SC", "Source Han Sans CN",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimHei", "Microsoft YaHei",
                "PingFang SC")
CJK_FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/*CJK*.ttc",
                  "/usr/share/fonts/truetype/wqy/*.ttc", "/usr/share/fonts/truetype/droid/DroidSansFallback*.ttf")
LATIN_FAMILY = "DejaVu Sans"  # matplotlib's bundled font

CHART_LABELS = {
    "en": {"title": "AI interview failure rate by month", "all_roles": "All roles", "period": "Report period",
           "earlier": "Earlier months", "rate_axis": "Failure rate (%)", "month_axis": "Month",
           "n": "n={n}", "none": "no interviews", "period_rate": "Report-period failure rate: {rate}%"},
    "zh": {"title": "AI面试月度失败率", "all_roles": "全部岗位", "period": "报告期", "earlier": "此前月份",
           "rate_axis": "失败率（%）", "month_axis": "月份", "n": "{n} 场", "none": "无面试",
           "period_rate": "报告期失败率：{rate}%"},
}
CSV_LABELS = {
    "en": {"monthly": ["month", "in report period", "interviews", "failed", "failure rate (%)",
                       "failed: job match", "failed: competency gap", "failed: behaviour inconsistency"],
           "competencies": ["role", "competency", "failed interviews", "share of failures (%)",
                            "mean gap (points below minimum)"],
           "yes": "yes", "no": "no"},
    "zh": {"monthly": ["月份", "属于报告期", "面试数", "未通过", "失败率（%）", "未通过：岗位匹配不足", "未通过：胜任力差距",
                       "未通过：行为不一致"],
           "competencies": ["岗位", "胜任力", "未通过面试数", "占未通过比例（%）", "平均差距（低于最低分）"],
           "yes": "是", "no": "否"},
}
CATEGORIES = ("job_match", "competency_gap", "behavior_inconsistency")


@dataclass(frozen=True)
class ChartFile:
    path: Path
    title: str
    font: str
    note: str = ""
    note_zh: str = ""


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """Write to a temporary name and rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _name(ref, lang: str) -> str:
    return ref.name_zh if lang == "zh" else ref.name_en


def write_csv(result: BuildReportResult, path: Path) -> Path:
    """Two tables, separated by an empty row: the months, then the competencies failed most.
    UTF-8 with a byte-order mark, so Excel shows Chinese names correctly."""
    lang = result.language
    t = CSV_LABELS[lang]
    with _atomic(path) as tmp:
        with tmp.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(t["monthly"])
            for m in result.months:
                writer.writerow([m.month, t["yes"] if m.in_period else t["no"], m.interviews, m.failed,
                                 "" if m.failure_rate is None else m.failure_rate,
                                 *(m.reasons.get(c, 0) for c in CATEGORIES)])
            writer.writerow([])
            writer.writerow(t["competencies"])
            for c in result.top_competencies:
                role = c.competency.role_name_zh if lang == "zh" else c.competency.role_name_en
                writer.writerow([role, _name(c.competency, lang), c.failed_interviews, c.share, c.mean_gap])
    return path


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The installed font family that covers Chinese, or None."""
    import glob

    from matplotlib import font_manager

    def installed() -> str | None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((family for family in CJK_FAMILIES if family in names), None)

    found = installed()
    if found is None:  # matplotlib's font cache can predate the font's installation
        for pattern in CJK_FONT_FILES:
            for file in sorted(glob.glob(pattern)):
                try:
                    font_manager.fontManager.addfont(file)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = installed()
    return found


def chart_title(result: BuildReportResult, lang: str) -> str:
    t = CHART_LABELS[lang]
    who = _name(result.role, lang) if result.role else t["all_roles"]
    return f"{who} — {t['title']}"


def write_chart(result: BuildReportResult, path: Path) -> ChartFile:
    """Bars of the monthly failure rate over the trend months, the report period's months highlighted,
    each labelled with its rate and the interviews behind it."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Patch

    lang, note, note_zh, font = result.language, "", "", LATIN_FAMILY
    if lang == "zh":
        found = cjk_font()
        if found is None:
            log.warning("No CJK font found (tried %s): the Chinese report's chart is labelled in English. "
                        "Install one with: apt-get install fonts-noto-cjk", ", ".join(CJK_FAMILIES[:2]))
            lang, note = "en", "no Chinese font is installed (fonts-noto-cjk), so the chart is labelled in English"
            note_zh = "未安装中文字体（fonts-noto-cjk），图表以英文标注"
        else:
            font = found
    t = CHART_LABELS[lang]
    families = [font, LATIN_FAMILY] if font != LATIN_FAMILY else [LATIN_FAMILY]
    text, small = FontProperties(family=families, size=10), FontProperties(family=families, size=8)
    title = chart_title(result, lang)

    fig = Figure(figsize=(9, 4.8), dpi=150, layout="constrained")
    ax = fig.add_subplot()
    months = result.months
    xs = list(range(len(months)))
    rates = [m.failure_rate or 0.0 for m in months]
    colors = ["#1f5fa8" if m.in_period else "#a9c4e4" for m in months]
    ax.bar(xs, rates, color=colors, width=0.62)
    top = max(rates + [result.failure_rate or 0.0, 10.0])
    ax.set_ylim(0, top * 1.22)
    for x, m in zip(xs, months):
        label = f"{m.failure_rate}%" if m.interviews else t["none"]
        ax.annotate(label, (x, m.failure_rate or 0.0), xytext=(0, 3), textcoords="offset points", ha="center",
                    va="bottom", fontproperties=small, zorder=4,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    ax.set_xticks(xs, [f"{m.month}\n{t['n'].format(n=m.interviews)}" for m in months])
    for tick in ax.get_xticklabels() + ax.get_yticklabels():
        tick.set_fontproperties(small)
    ax.set_ylabel(t["rate_axis"], fontproperties=text)
    ax.set_xlabel(t["month_axis"], fontproperties=text)
    ax.spines[["top", "right"]].set_visible(False)
    handles = [Patch(color="#1f5fa8", label=t["period"])]
    if not all(m.in_period for m in months):
        handles.append(Patch(color="#a9c4e4", label=t["earlier"]))
    if result.failure_rate is not None:
        ax.axhline(result.failure_rate, color="#c0392b", linestyle="--", linewidth=1, zorder=3)
        handles.append(_line(t["period_rate"].format(rate=result.failure_rate)))
    ax.legend(handles=handles, prop=small, loc="upper left", frameon=False, ncols=len(handles))
    ax.set_title(title, fontproperties=FontProperties(family=families, size=13, weight="bold"), loc="left")
    fig.text(0.99, 0.005, result.period.label_zh if lang == "zh" else result.period.label_en, ha="right",
             va="bottom", fontproperties=small, color="#555555")
    with _atomic(path) as tmp:
        fig.savefig(tmp, format="png")
    return ChartFile(path=path, title=title, font=font, note=note, note_zh=note_zh)


def _line(label: str):
    from matplotlib.lines import Line2D

    return Line2D([], [], color="#c0392b", linestyle="--", linewidth=1, label=label)
