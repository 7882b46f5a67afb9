"""Build ``base.docx``: the package every new .docx form file starts from.

Run ``python resources/templates/make_templates.py`` to regenerate it. The package is written from
scratch (not from python-docx's English default template): A4 portrait, Chinese styles with
``w:eastAsia`` fonts (宋体 for the forms, 仿宋_GB2312 / 黑体 for the narrative part) and zh-CN
language, a bordered table style, and an empty body holding only the section properties. The
writer (``perfeditor/io/docx/writer_template.py``) fills the body and copies every other part.

Style ids used by the writer:
  ``FormTitle`` (表标题: title above a project table), ``FormTitleMof`` (项目支出绩效目标表),
  ``FormUnit`` (单位行), ``FormCell`` (表格文字), ``FormHead`` (表头文字),
  ``PartHeading`` (第一部分 …), ``SectionHeading`` (一、总体绩效目标 …), ``ItemHeading`` (分项标题),
  ``BodyText`` (正文), table style ``FormTable`` (绩效目标表格).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
</Relationships>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>预算绩效目标表</dc:title><dc:language>zh-CN</dc:language>
</cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>perfeditor</Application></Properties>"""

# A4 portrait, margins 2.6 cm left/right (text width 8958 twips), 2.54 cm top/bottom.
DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1474" w:bottom="1440" w:left="1474" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>
</w:body></w:document>"""


def _fonts(east: str, ascii_: str = "Times New Roman") -> str:
    return f'<w:rFonts w:ascii="{ascii_}" w:hAnsi="{ascii_}" w:eastAsia="{east}" w:cs="{ascii_}"/>'


def _pstyle(sid: str, name: str, ppr: str, rpr: str) -> str:
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


_BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr>{_fonts("宋体")}<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr>{_fonts("宋体")}<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="FormTable"><w:name w:val="绩效目标表格"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top {_BORDER}/><w:left {_BORDER}/><w:bottom {_BORDER}/><w:right {_BORDER}/><w:insideH {_BORDER}/><w:insideV {_BORDER}/></w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
{_pstyle("FormTitle", "表标题", '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/><w:outlineLvl w:val="1"/>', _fonts("宋体") + '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>')}
{_pstyle("FormTitleMof", "项目支出绩效目标表标题", '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/><w:outlineLvl w:val="1"/>', _fonts("宋体") + '<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>')}
{_pstyle("FormUnit", "单位行", '<w:keepNext/><w:jc w:val="right"/>', _fonts("宋体") + '<w:sz w:val="20"/><w:szCs w:val="20"/>')}
{_pstyle("FormCell", "表格文字", '<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>', _fonts("宋体") + '<w:sz w:val="18"/><w:szCs w:val="18"/>')}
{_pstyle("FormHead", "表头文字", '<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>', _fonts("宋体") + '<w:sz w:val="18"/><w:szCs w:val="18"/>')}
{_pstyle("PartHeading", "部分标题", '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>', _fonts("黑体") + '<w:sz w:val="32"/><w:szCs w:val="32"/>')}
{_pstyle("SectionHeading", "一级标题", '<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:ind w:firstLine="560"/><w:outlineLvl w:val="1"/>', _fonts("黑体") + '<w:sz w:val="28"/><w:szCs w:val="28"/>')}
{_pstyle("ItemHeading", "分项标题", '<w:keepNext/><w:ind w:firstLine="560"/>', _fonts("楷体_GB2312") + '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>')}
{_pstyle("BodyText", "正文文字", '<w:spacing w:line="360" w:lineRule="auto"/><w:ind w:firstLine="560"/>', _fonts("仿宋_GB2312") + '<w:sz w:val="28"/><w:szCs w:val="28"/>')}
</w:styles>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="156"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"""


def _font(name: str, alt: str, charset: str, family: str, pitch: str, panose: str) -> str:
    return (f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
            f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')


FONT_TABLE = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W}">'
              + _font("Times New Roman", "Times New Roman", "00", "roman", "variable", "02020603050405020304")
              + _font("宋体", "SimSun", "86", "auto", "variable", "02010600030101010101")
              + _font("仿宋_GB2312", "仿宋", "86", "modern", "fixed", "02010609030101010101")
              + _font("楷体_GB2312", "楷体", "86", "modern", "fixed", "02010609030101010101")
              + _font("黑体", "SimHei", "86", "modern", "fixed", "02010609060101010101")
              + "</w:fonts>")

PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": RELS,
    "docProps/core.xml": CORE,
    "docProps/app.xml": APP,
    "word/_rels/document.xml.rels": DOC_RELS,
    "word/document.xml": DOCUMENT,
    "word/styles.xml": STYLES,
    "word/settings.xml": SETTINGS,
    "word/fontTable.xml": FONT_TABLE,
}


def build(target: Path = HERE / "base.docx") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in PARTS.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return target


if __name__ == "__main__":
    print(build())
