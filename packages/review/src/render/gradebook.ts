// `--class`: one row per student, one column per lab item. gradebook.csv for spreadsheets; gradebook.html is one
// self-contained file (inline CSS and script, no network) whose header sorts and whose cells link to the findings.
import type { ItemOrForm, ItemVerdict, Review } from '../types.ts'
import { ITEMS } from '../types.ts'
import { titleOf } from '../items.ts'

export type ClassRow = {
  /** The student's folder name. */
  readonly student: string
  /** The reviewed report, relative to the student's folder; undefined when none was found. */
  readonly review: Review | undefined
  /** Why there is no review (no report found, unreadable). */
  readonly problem?: string
}

const COLUMNS: readonly ItemOrForm[] = [null, ...ITEMS]
const cellWord = (v: ItemVerdict | undefined) => v?.verdict ?? 'no report'

const csvCell = (s: string | number) => {
  const t = String(s)
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
}

export function gradebookCsv(rows: readonly ClassRow[]): string {
  const head = [
    'student',
    'report',
    'exit',
    'errors',
    'warnings',
    'notes',
    'header',
    ...ITEMS.map((i) => `item${i}`),
  ]
  const lines = rows.map((r) => {
    const v = r.review
    if (!v) return [r.student, '', 2, '', '', '', ...COLUMNS.map(() => 'no report')]
    return [
      r.student,
      v.file,
      v.exitCode,
      v.summary.errors,
      v.summary.warnings,
      v.summary.notes,
      ...COLUMNS.map((c) => cellWord(v.items.find((x) => x.item === c))),
    ]
  })
  return `${[head, ...lines].map((l) => l.map(csvCell).join(',')).join('\n')}\n`
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  )
const RANK: Record<string, number> = { problem: 0, 'no report': 0, 'not checkable': 1, ok: 2 }
const anchor = (s: number, c: ItemOrForm) => `s${s}-${c === null ? 'h' : `i${c}`}`

export function gradebookHtml(
  rows: readonly ClassRow[],
  opts: { title: string; generatedAt: string },
): string {
  const th = (label: string, kind: 'text' | 'num', title = label) =>
    `<th scope="col" data-kind="${kind}" title="${esc(title)}" aria-sort="none"><button type="button">${esc(label)}</button></th>`
  const head = [
    th('student', 'text'),
    th('errors', 'num'),
    th('warnings', 'num'),
    th('notes', 'num'),
    ...COLUMNS.map((c) => th(c === null ? 'header' : String(c), 'num', titleOf(c))),
  ].join('')
  const body = rows
    .map((r, s) => {
      const v = r.review
      const count = (n: number | undefined) => `<td class="n" data-sort="${n ?? -1}">${n ?? '–'}</td>`
      const cells = COLUMNS.map((c) => {
        const iv = v?.items.find((x) => x.item === c)
        const word = cellWord(iv)
        const cls = word.replace(/ /g, '-')
        const n = iv?.findings.filter((f) => f.severity !== 'note').length ?? 0
        const label = word === 'problem' ? `problem (${n})` : word
        return `<td class="v ${cls}" data-sort="${RANK[word]}"><a href="#${anchor(s, c)}">${esc(label)}</a></td>`
      }).join('')
      return `<tr><th scope="row" data-sort="${esc(r.student)}"><a href="#s${s}">${esc(r.student)}</a></th>${count(v?.summary.errors)}${count(v?.summary.warnings)}${count(v?.summary.notes)}${cells}</tr>`
    })
    .join('\n')
  const details = rows.map((r, s) => studentSection(r, s)).join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(opts.title)}</h1><p>${rows.length} student${rows.length === 1 ? '' : 's'} · generated ${esc(opts.generatedAt)} by <code>pnpm review --class</code>. Click a column to sort it; click a cell for its findings.</p></header>
<table id="gradebook">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<main>
${details}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`
}

function studentSection(r: ClassRow, s: number): string {
  const v = r.review
  if (!v)
    return `<section id="s${s}"><h2>${esc(r.student)}</h2>${COLUMNS.map((c) => `<div id="${anchor(s, c)}"></div>`).join('')}<p class="problem">${esc(r.problem ?? 'no report found')}</p></section>`
  const items = v.items
    .map((iv) => {
      const list = iv.findings
        .map(
          (f) =>
            `<li class="${f.severity}"><span class="sev">${f.severity}</span> <code>${esc(f.line === null ? f.file : `${f.file}:${f.line}`)}</code> ${esc(f.message)} <span class="kind">${esc(f.kind)}</span>${f.excerpt ? `<pre>${esc(f.excerpt)}</pre>` : ''}<div class="hint">${esc(f.hint)}</div></li>`,
        )
        .join('')
      const label = iv.item === null ? iv.title : `item ${iv.item}: ${iv.title}`
      return `<div id="${anchor(s, iv.item)}" class="item"><h3>${esc(label)} <span class="v ${iv.verdict.replace(/ /g, '-')}">${esc(iv.verdict)}</span></h3>${list ? `<ul>${list}</ul>` : ''}</div>`
    })
    .join('')
  return `<section id="s${s}"><h2>${esc(r.student)} <small>${esc(v.file)}</small></h2>${items}<p><a href="#gradebook">back to the table</a></p></section>`
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1b1f24}
h1{font-size:1.3rem;margin:0 0 .3rem}header p{color:#57606a;margin:0 0 1rem}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}
thead th{background:#f6f8fa;position:sticky;top:0}
thead button{all:unset;cursor:pointer;font-weight:600}
thead th[aria-sort=ascending] button::after{content:" ▲"}thead th[aria-sort=descending] button::after{content:" ▼"}
td.n{text-align:right}td.v a{color:inherit;text-decoration:none;display:block}td.v,tbody th{white-space:nowrap}
.ok{background:#dafbe1}.problem,.no-report{background:#ffebe9}.not-checkable{background:#fff8c5}
section{margin-top:2rem;border-top:2px solid #d0d7de}h2 small{font-weight:400;color:#57606a}
.item h3{font-size:1rem;margin:.8rem 0 .2rem}.item h3 .v{font-size:.8rem;padding:0 .4rem;border-radius:.3rem}
ul{margin:.2rem 0;padding-left:1.2rem}li{margin:.3rem 0}.sev{font-weight:600}
li.error .sev{color:#cf222e}li.warning .sev{color:#9a6700}li.note .sev{color:#0969da}
.kind{color:#57606a;font-size:.8rem}.hint{color:#57606a}pre{background:#f6f8fa;padding:.2rem .4rem;margin:.2rem 0;white-space:pre-wrap}
:target{outline:2px solid #0969da}
`

// Sorts the rows by the clicked column: numbers by data-sort, the student column by name; a second click reverses.
const SCRIPT = `
(function () {
  var table = document.getElementById('gradebook');
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    th.querySelector('button').addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', dir);
      var num = th.dataset.kind === 'num';
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
        var c = num ? Number(x) - Number(y) : x.localeCompare(y);
        if (c === 0) c = a.cells[0].dataset.sort.localeCompare(b.cells[0].dataset.sort);
        return dir === 'ascending' ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
`
