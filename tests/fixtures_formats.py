"""Generate the bundled notice as a web page, a Word file, a PDF and in traditional script.

The fixtures are made from the bundled text at test time (nothing binary is committed): one
paragraph per non-blank line, as a typesetter or a web editor would have it.
"""

from __future__ import annotations

import html
import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT, SIZE, LEADING, MARGIN = "STSong-Light", 10.5, 16.0, 72.0


def paragraphs(text: str) -> list[str]:
    """Blocks of the text file: each non-blank line, with "" for each blank line."""
    return [line.strip() for line in text.split("\n")]


def as_html(text: str) -> bytes:
    """A government-site page: header, menu, breadcrumb and share bar around the notice."""
    body = "\n".join(f'<p style="text-indent:2em">{html.escape(p)}</p>' for p in paragraphs(text) if p)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="gb2312"><title>市场监管总局等部门关于开展2023年全国“质量月”活动的通知</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script><style>p {{ margin: 0 }}</style></head>
<body>
<div class="header"><a href="/">国家市场监督管理总局</a> <span>无障碍 | English</span></div>
<ul class="nav-menu"><li>首页</li><li>机构概况</li><li>新闻发布</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 通知公告</div>
<div class="article"><h1>市场监管总局等部门关于开展2023年全国“质量月”活动的通知</h1>
<div class="info">发布时间：2023-08-30 来源：质量发展局 【字体：大 中 小】</div>
<div id="zoom" class="TRS_Editor">
{body}
</div>
<div class="share-bar">分享到：微信 微博</div>
</div>
<div class="footer">版权所有：国家市场监督管理总局 地址：北京市西城区三里河东路八号 网站标识码bm30000012</div>
</body></html>"""
    return page.encode("gb18030")


def as_docx(text: str) -> bytes:
    """A Word file, one paragraph per line of the text."""
    import docx

    document = docx.Document()
    for p in paragraphs(text):
        if p:
            document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _wrap(line: str, width: float) -> list[str]:
    chunks, current = [], ""
    for ch in line:
        if pdfmetrics.stringWidth(current + ch, FONT, SIZE) > width:
            chunks.append(current)
            current = ""
        current += ch
    return [*chunks, current]


def as_pdf(text: str, page_numbers: bool = False) -> bytes:
    """A typeset PDF (A4, 10.5 pt): long paragraphs wrap, blank lines become space, pages break
    (with "— n —" at the foot of each page when asked)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    y = height - MARGIN
    pdf.setFont(FONT, SIZE)
    for p in paragraphs(text):
        rows = _wrap(p, width - 2 * MARGIN) if p else [""]
        for row in rows:
            if y < MARGIN:
                if page_numbers:
                    pdf.drawCentredString(width / 2, MARGIN / 2, f"— {pdf.getPageNumber()} —")
                pdf.showPage()
                pdf.setFont(FONT, SIZE)
                y = height - MARGIN
            if row:
                pdf.drawString(MARGIN, y, row)
            y -= LEADING
    pdf.save()
    return out.getvalue()


def as_traditional(text: str) -> str:
    """The notice in traditional script (OpenCC s2t)."""
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))
