"""Each kind of damage a reader meets, in one Chinese line (never a Python class name). No Qt.

Library warnings go to the log, not the clerk's screen (:func:`quiet`).
"""
from __future__ import annotations

import logging
import re
import warnings
import zipfile
import zlib
from contextlib import contextmanager

from lxml import etree

log = logging.getLogger(__name__)

AGAIN = "请让发送方重新保存后再发送。"
_MEMBER = re.compile(r"no item named '([^']+)'")


def describe(exc: BaseException, suffix: str) -> str:
    """The clerk's line for ``exc`` raised while reading a file of kind ``suffix``."""
    from xml.etree.ElementTree import ParseError  # only when a read failed: not on every start

    kind = {".docx": "Word", ".xlsx": "Excel"}.get(suffix, "")
    chain = [exc]
    while (nxt := chain[-1].__cause__ or chain[-1].__context__) is not None and nxt not in chain and len(chain) <= 8:
        chain.append(nxt)
    for e in chain:
        if isinstance(e, (zipfile.BadZipFile, zlib.error, EOFError)):
            return f"{kind} 文件压缩包中的部分内容已损坏（校验失败或数据不完整），可能是下载或复制时中断；{AGAIN}"
        if isinstance(e, KeyError):
            m = _MEMBER.search(str(e))
            if m:
                return f"{kind} 文件缺少必要的组成部分（{m.group(1)}），文件不完整；{AGAIN}"
        if isinstance(e, (etree.XMLSyntaxError, ParseError)):
            return f"{kind} 文件中的 XML 内容已损坏（格式错误），无法读取；{AGAIN}"
        if isinstance(e, UnicodeError):
            return f"{kind} 文件中有无法识别的文字编码，无法读取；{AGAIN}"
    text = str(exc)
    if "invalid XML" in text or "not well-formed" in text:
        return f"{kind} 文件中的 XML 内容已损坏（格式错误），无法读取；{AGAIN}"
    return f"文件已损坏或格式不正确，无法读取；{AGAIN}"


@contextmanager
def quiet():
    """Library warnings raised in the body go to the log, never to stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for w in caught[:20]:
        log.info("library warning while reading: %s (%s:%s)", w.message, w.filename, w.lineno)
