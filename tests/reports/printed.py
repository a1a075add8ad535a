"""Reading Desk's workbooks as a reviewer reads the print: LibreOffice renders them to PDF, each page's text is checked.

A page is told apart by its text (pdftotext, one page at a time). Every sheet prints its page
number from its second page on, so the pages without a number are the sheets' first pages; the
workbook says what each sheet's table heading, notes and signature block are. The faults a
Department of Home Affairs would send a report back for are named in Vietnamese-free English.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from desk.reports.layout import NBSP, print_scale

SOFFICE_TIMEOUT = 600
# The texts that only a signature block or its distribution list holds.
SIGNATURE_MARKS = ("NGƯỜI LẬP BIỂU", "Nơi nhận:")


def compact(text: str) -> str:
    """Text without any white space: pdftotext splits Vietnamese words at odd places."""
    return re.sub(r"\s+", "", text or "")


def render(paths: list[Path], out: Path) -> dict[Path, Path]:
    """Every workbook to PDF in one LibreOffice run, with a profile of its own (runs never collide)."""
    out.mkdir(parents=True, exist_ok=True)
    home = out / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home)}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is missing: scripts/bootstrap.sh installs it"
    subprocess.run([soffice, f"-env:UserInstallation=file://{out / 'profile'}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)],
                   env=env, check=True, timeout=SOFFICE_TIMEOUT, capture_output=True)
    found = {p: out / (p.stem + ".pdf") for p in paths}
    missing = [p.name for p, pdf in found.items() if not pdf.exists()]
    assert not missing, f"LibreOffice did not render {missing}"
    return found


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, page by page (pdftotext -f N -l N)."""
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout for n in range(1, page_count(pdf) + 1)]


def word_widths(pdf: Path, word: str) -> list[tuple[int, float]]:
    """(page, width in points) of every occurrence of `word` (pdftotext -bbox)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    found, page = [], 0
    for line in xml.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)".*xMax="([\d.]+)".*>([^<]*)</word>', line)
        if match and match.group(3) == word:
            found.append((page, float(match.group(2)) - float(match.group(1))))
    return found


@dataclass
class SheetFacts:
    """What the workbook says a printed sheet holds."""

    title: str
    heading: list[str] = field(default_factory=list)       # the table's heading cells
    codes: str = ""                                         # the column-code row, compacted ("AB123")
    notes: list[str] = field(default_factory=list)         # texts between the table and the signatures
    footer: list[str] = field(default_factory=list)        # the signature block and distribution
    signature: list[str] = field(default_factory=list)     # lines that must print on one page together
    held: list[str] = field(default_factory=list)          # names held together (non-breaking spaces)
    scale: float = 1.0
    fit_width: bool = False
    orientation: str = ""


def sheet_facts(path: Path, names: tuple[str, ...]) -> list[SheetFacts]:
    """The visible sheets in order; `names`: the signers' and preparer's names the settings gave."""
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        facts = SheetFacts(ws.title, scale=print_scale(ws), orientation=ws.page_setup.orientation,
                           fit_width=bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage
                                          and ws.page_setup.fitToWidth == 1))
        if ws.page_setup.scale and not facts.fit_width:
            facts.scale = ws.page_setup.scale / 100
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        texts = [[str(v) for v in row if v not in (None, "")] for row in rows]
        code_row = next((i for i, row in enumerate(rows) if row and row[0] == "A" and len(row) > 1
                         and row[1] in ("B", "1")), None)
        table_end = None
        if code_row is not None:
            facts.heading = texts[code_row - 1]
            facts.codes = compact("".join(texts[code_row]))
            table_end = code_row
            for i in range(code_row + 1, len(rows)):
                cell = ws.cell(i + 1, 1)
                if cell.border and cell.border.left and cell.border.left.style:
                    table_end = i
        footer_start = next((i for i, row in enumerate(texts)
                             if any(t in SIGNATURE_MARKS or t.startswith(("TM. ", "KT. ")) or t in names
                                    for t in row) and (table_end is None or i > table_end)), len(rows))
        if table_end is not None:
            facts.notes = [t for row in texts[table_end + 1:footer_start] for t in row]
        facts.footer = [t for row in texts[footer_start:] for t in row]
        # The block proper, from its first line to the names: not the distribution list beside it.
        facts.signature = [t for t in facts.footer if t != "Nơi nhận:" and not t.startswith("- ")]
        facts.held = [line for row in texts for t in row for line in t.split("\n") if NBSP in line]
        out.append(facts)
    return out


def _strip(text: str, pieces: list[str]) -> str:
    for piece in sorted({compact(p) for p in pieces if compact(p)}, key=len, reverse=True):
        text = text.replace(piece, "")
    return text


def _minus(text: str, taken: str) -> str:
    """text without the characters of `taken`, each as often as it occurs there."""
    left = Counter(compact(taken))
    out = []
    for ch in text:
        if left[ch]:
            left[ch] -= 1
        else:
            out.append(ch)
    return "".join(out)


def split_by_sheet(pages: list[str]) -> list[list[str]]:
    """Pages grouped by sheet: a sheet's first page carries no page number, the next ones 2, 3, ..."""
    groups: list[list[str]] = []
    for text in pages:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        expected = len(groups[-1]) + 1 if groups else None
        if groups and first.isdigit() and int(first) == expected:
            groups[-1].append(text.split(first, 1)[1])
        else:
            groups.append([text])
    return groups


def lone_heading_words(text: str) -> list[str]:
    """A numbered heading in capitals ("IV. ĐIỀU ĐỘNG, ...") whose last printed line is one word alone."""
    lines = [line.strip() for line in text.splitlines()]
    return [f"the heading «{line} {after}» leaves «{after}» alone on its last line"
            for line, after in zip(lines, lines[1:])
            if re.match(r"[IVX]+\. \S", line) and line.upper() == line
            and len(after.split()) == 1 and after.upper() == after and not after[0].isdigit()]


def faults(path: Path, pdf: Path, names: tuple[str, ...], *, calibration: dict[str, float] | None = None) -> list[str]:
    """Everything a reviewer would reject in the printed workbook, one line each ([] = none)."""
    sheets = sheet_facts(path, names)
    groups = split_by_sheet(page_texts(pdf))
    where = path.name
    if len(groups) != len(sheets):
        return [f"{where}: {len(groups)} printed sheets (by page numbers) for {len(sheets)} visible sheets"]
    found = []
    first_page = 1
    for facts, pages in zip(sheets, groups):
        label = f"{where} «{facts.title}»"
        if facts.scale < 0.9:
            found.append(f"{label}: prints at {facts.scale:.0%} (below 90%)")
        seen_signature: dict[str, set[int]] = {compact(s): set() for s in facts.signature}
        for number, text in enumerate(pages, start=1):
            page = compact(text)
            for line, where_seen in seen_signature.items():
                if line in page:
                    where_seen.add(number)
            has_footer = any(compact(f) in page for f in facts.footer if len(compact(f)) > 3)
            # A repeated heading starts with its first cell ("STT"); the cells of a wrapped heading come
            # out of pdftotext interleaved, so the rest of it is taken away character by character.
            has_heading = bool(facts.heading) and compact(facts.heading[0]) in page
            rest = _strip(page, facts.footer)
            if has_heading:
                rest = _minus(rest, "".join(facts.heading) + facts.codes)
            if number > 1 and not rest:
                if has_footer:
                    found.append(f"{label}, page {number}: holds only a signature block"
                                 + (" under an empty repeated table heading" if has_heading else ""))
                elif has_heading:
                    found.append(f"{label}, page {number}: holds only an empty repeated table heading")
                else:
                    found.append(f"{label}, page {number}: is blank")
            found += [f"{label}, page {number}: {fault}" for fault in lone_heading_words(text)]
            content = _strip(rest, facts.notes)
            if number > 1 and facts.heading and content and not has_heading:
                found.append(f"{label}, page {number}: the table runs onto this page without its heading")
        # A name held together that is wider than its cell is broken by the reader inside a word
        # ("HỒ CHÍ MIN" / "H"): each of its words must print whole.
        printed_words = set(" ".join(pages).split())
        for line in facts.held:
            cut = [word for word in line.split() if word not in printed_words]
            if cut:
                found.append(f"{label}: «{cut[0]}» of «{line.replace(NBSP, ' ')}» is broken across lines")
        for line, where_seen in seen_signature.items():
            if len(where_seen) > 1:
                found.append(f"{label}: «{line}» printed on pages {sorted(where_seen)}")
        if len({min(p) for p in seen_signature.values() if p}) > 1:
            pages_of = {line: sorted(p) for line, p in seen_signature.items()}
            found.append(f"{label}: the signature block is split over pages {pages_of}")
        first_page += len(pages)
    if calibration:
        for word, width in calibration.items():
            for page, measured in word_widths(pdf, word):
                if measured < 0.9 * width:
                    found.append(f"{where}, PDF page {page}: «{word}» is {measured / width:.0%} of its size")
    return found


def gnumeric_warnings(paths: list[Path], out: Path) -> dict[str, str]:
    """What Gnumeric's ssconvert says on loading each workbook (file name -> its stderr, if any)."""
    ssconvert = shutil.which("ssconvert")
    assert ssconvert, "Gnumeric (ssconvert) is missing: scripts/bootstrap.sh installs it"
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(out)}
    said = {}
    for path in paths:
        done = subprocess.run([ssconvert, "--export-type=Gnumeric_stf:stf_csv", str(path),
                               str(out / (path.stem + ".csv"))],
                              env=env, capture_output=True, text=True, timeout=300)
        message = (done.stderr + ("" if done.returncode == 0 else f" (exit {done.returncode})")).strip()
        if message:
            said[path.name] = message
    return said
