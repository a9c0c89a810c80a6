import type { DiffReport } from './format-markdown.js';
import { describeChange, groupOf } from './describe.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script> element: nothing in it can close the element or start a comment. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * One self-contained page: a summary per agent, the changes, and filters (breaking only, by agent).
 * No network access: styles and script are inline, the data is embedded.
 */
export function formatHtml(report: DiffReport): string {
  const rows = report.changes.map((c) => ({ group: groupOf(c), change: c.change, breaking: c.breaking, text: describeChange(c).replace(/`/g, '') }));
  const groups = [...new Set(rows.map((r) => r.group))].sort((a, b) => (a === 'Types' ? 1 : b === 'Types' ? -1 : a < b ? -1 : 1));
  const title = `API changes: ${report.from} → ${report.to}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d2330; }
h1 { font-size: 1.4rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #d5d9e0; padding: .3rem .7rem; text-align: left; }
th { background: #f1f3f7; }
.controls { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 0; position: sticky; top: 0; background: #fff; border-bottom: 1px solid #d5d9e0; }
#per-agent tbody tr { cursor: pointer; }
#per-agent tbody tr:hover { background: #f7f8fb; }
ul { list-style: none; padding: 0; }
li { padding: .25rem .5rem; border-bottom: 1px solid #eef0f4; }
.tag { display: inline-block; min-width: 4.5rem; font-size: .8em; color: #556; }
.breaking { color: #b3261e; font-weight: 600; }
.hidden { display: none; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="controls">
<label><input type="checkbox" id="breaking-only"> Breaking only</label>
<label>Agent <select id="agent"><option value="">All</option>${groups.map((g) => `<option value="${escapeHtml(g)}">${escapeHtml(g)}</option>`).join('')}</select></label>
<span id="shown"></span>
</div>
<p id="summary">${report.changes.length} changes, ${report.changes.filter((c) => c.breaking).length} breaking.</p>
<table id="per-agent"><thead><tr><th>Agent</th><th>Added</th><th>Removed</th><th>Changed</th><th>Breaking</th></tr></thead><tbody>
${groups
  .map((g) => {
    const of = rows.filter((r) => r.group === g);
    const n = (k: string) => of.filter((r) => r.change === k).length;
    return `<tr data-group="${escapeHtml(g)}"><td>${escapeHtml(g)}</td><td>${n('added')}</td><td>${n('removed')}</td><td>${n('changed')}</td><td>${of.filter((r) => r.breaking).length}</td></tr>`;
  })
  .join('\n')}
</tbody></table>
<ul id="changes"></ul>
<script id="data" type="application/json">${scriptJson(rows)}</script>
<script>
(function () {
  var rows = JSON.parse(document.getElementById('data').textContent);
  var list = document.getElementById('changes');
  rows.forEach(function (r) {
    var li = document.createElement('li');
    li.dataset.group = r.group;
    li.dataset.breaking = String(r.breaking);
    var tag = document.createElement('span');
    tag.className = 'tag';
    tag.textContent = r.group;
    li.appendChild(tag);
    var text = document.createElement('span');
    text.textContent = ' ' + r.text;
    if (r.breaking) text.className = 'breaking';
    li.appendChild(text);
    list.appendChild(li);
  });
  function apply() {
    var onlyBreaking = document.getElementById('breaking-only').checked;
    var group = document.getElementById('agent').value;
    var shown = 0;
    Array.prototype.forEach.call(list.children, function (li) {
      var visible = (!onlyBreaking || li.dataset.breaking === 'true') && (!group || li.dataset.group === group);
      li.classList.toggle('hidden', !visible);
      if (visible) shown++;
    });
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' shown';
  }
  document.getElementById('breaking-only').addEventListener('change', apply);
  document.getElementById('agent').addEventListener('change', apply);
  // A row of the summary selects its agent.
  Array.prototype.forEach.call(document.querySelectorAll('#per-agent tbody tr'), function (tr) {
    tr.addEventListener('click', function () {
      document.getElementById('agent').value = tr.dataset.group;
      apply();
      list.scrollIntoView();
    });
  });
  apply();
})();
</script>
</body>
</html>
`;
}
