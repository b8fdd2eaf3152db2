// The project's file formats for the web editor: a saved change touches only the lines it
// changes. Each file keeps its comments, its quoting, its folded texts and its list style, so a
// pull request shows what the editor changed and nothing else (Decap CMS's own YAML writer would
// rewrite the whole file). Registered as "aftercare-yaml" (data files) and
// "aftercare-frontmatter" (pages); Sveltia CMS reads the same registration.
import { isMap, isScalar, isSeq, parseDocument, stringify } from './yaml/index.js';

const SOURCE = '__aftercare_source'; // the file as read, carried beside its values; never written
const GAP = '__aftercare_gap'; // the blank lines between a page's front matter and its text
const WIDTH = 100; // folded texts are wrapped at this column, as the project's files are

// --- Reading -------------------------------------------------------------------------------

function fromYaml(text) {
  const data = parseDocument(text).toJS() || {};
  return Object.assign(data, { [SOURCE]: text });
}

function fromPage(text) {
  const match = /^---\r?\n([\s\S]*?\r?\n)?---[ \t]*(\r?\n|$)/.exec(text);
  const front = match ? match[1] || '' : '';
  const rest = match ? text.slice(match[0].length) : text;
  const gap = /^(\r?\n)*/.exec(rest)[0];
  const data = match ? parseDocument(front).toJS() || {} : {};
  return Object.assign(data, { body: rest.slice(gap.length), [SOURCE]: match ? front : null, [GAP]: gap });
}

// --- Writing -------------------------------------------------------------------------------

function toYaml(data) {
  const { [SOURCE]: source, ...values } = data;
  return typeof source === 'string' ? updated(source, values) : fresh(values);
}

function toPage(data) {
  const { [SOURCE]: source, [GAP]: gap, body = '', ...values } = data;
  let front = '';
  if (typeof source === 'string') front = updated(source, values);
  else if (Object.keys(clean(values)).length) front = fresh(values);
  return (front || typeof source === 'string' ? `---\n${front}---\n` : '') + (gap ?? '\n') + body;
}

function fresh(values) {
  return stringify(clean(values), { lineWidth: WIDTH, minContentWidth: 0, flowCollectionPadding: false });
}

// `source` with the values changed where they changed, each edit in place.
export function updated(source, values) {
  const doc = parseDocument(source);
  const edits = [];
  const root = doc.contents;
  const ok = root ? change(root, doc.toJS() || {}, values, source, edits) : false;
  if (!ok) return rewritten(doc, values);
  let text = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return text;
}

// Values an editor left empty are not written (an optional field is absent, not blank).
function clean(value) {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === SOURCE || key === GAP) continue;
      const kept = clean(item);
      if (kept === undefined || kept === null || kept === '') continue;
      if (Array.isArray(kept) && kept.length === 0) continue;
      if (typeof kept === 'object' && !Array.isArray(kept) && Object.keys(kept).length === 0) continue;
      out[key] = kept;
    }
    return out;
  }
  return value;
}

// A field an editor left empty, or a value the file leaves empty.
function empty(value) {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !(value instanceof Date)) return Object.keys(clean(value)).length === 0;
  return false;
}

function equal(a, b) {
  if (empty(a) && empty(b)) return true;
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return String(plain(a)) === String(plain(b));
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return a !== null && b !== null && typeof a !== 'object' && String(a) === String(b) && sameKind(a, b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!equal(a[key], b[key])) return false;
  return true;
}

// "6" from a number field and 6 in the file are the same value; "yes" and true are not.
function sameKind(a, b) {
  const numeric = (v) => typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));
  return typeof a === typeof b || (numeric(a) && numeric(b));
}

function plain(value) {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

// Collect in-place edits for `node` (holding `old`) to hold `value`; false when only a rewrite can.
function change(node, old, value, source, edits) {
  if (equal(old, value)) return true;
  if (isScalar(node) && (value === null || typeof value !== 'object' || value instanceof Date)) {
    edits.push({ start: node.range[0], end: node.range[1], text: scalar(plain(value), node, source) });
    return true;
  }
  if (isMap(node) && value && typeof value === 'object' && !Array.isArray(value)) {
    const seen = new Set();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key === null) return false;
      seen.add(key);
      if (empty(value[key]) && empty(old ? old[key] : undefined)) continue; // `tags: []` stays as written
      if (empty(value[key])) {
        if (node.flow || !pair.value) return false;
        const start = lineStart(source, pair.key.range[0]);
        edits.push({ start, end: pair.value.range[2], text: '' });
        continue;
      }
      if (!pair.value) return false;
      if (!change(pair.value, old ? old[key] : undefined, value[key], source, edits)) return false;
    }
    const added = Object.keys(value).filter((key) => !seen.has(key) && !empty(value[key]) && key !== SOURCE && key !== GAP);
    if (added.length) {
      if (node.flow || node.items.length === 0) return false;
      const indent = column(source, node.items[0].key.range[0]);
      let at = node.range[1];
      let text = added.map((key) => entry(key, clean(value[key]), indent)).join('');
      if (at > 0 && source[at - 1] !== '\n') text = `\n${text}`;
      // After the last value, before any comment lines that follow the map.
      edits.push({ start: at, end: at, text });
    }
    return true;
  }
  if (isSeq(node) && Array.isArray(value)) {
    if (node.flow && value.every((item) => item === null || typeof item !== 'object')) {
      if (node.items.length === value.length && node.items.every(isScalar)) {
        return node.items.every((item, i) => change(item, old ? old[i] : undefined, value[i], source, edits));
      }
      edits.push({ start: node.range[0], end: node.range[1], text: `[${value.map((item) => inline(item)).join(', ')}]` });
      return true;
    }
    if (node.items.length !== value.length) return false;
    return node.items.every((item, i) => change(item, old ? old[i] : undefined, value[i], source, edits));
  }
  return false;
}

// A new value for an existing scalar, written in that scalar's style.
function scalar(value, node, source) {
  if (typeof value !== 'string') return inline(value);
  if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
    const header = /^[>|][-+0-9]*/.exec(source.slice(node.range[0]))[0];
    const indent = blockIndent(source, node) ?? column(source, lineStart(source, node.range[0])) + 2;
    const lines = node.type === 'BLOCK_FOLDED' ? fold(value, WIDTH - indent) : value.split('\n');
    return `${header}\n${lines.map((line) => (line ? ' '.repeat(indent) + line : '')).join('\n')}\n`;
  }
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (typeof node.value === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return value;
  return inline(value);
}

// A value on one line: plain where YAML 1.1 readers (PyYAML) would read it back as the same text.
function inline(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const risky = /^(y|n|yes|no|on|off|true|false|null|~)$/i.test(value) || /^[-+]?(\d[\d_]*)(\.\d*)?([eE][-+]?\d+)?$/.test(value)
    || /^0[xob]/i.test(value) || /^\d{1,2}(:\d{2})+$/.test(value);
  if (risky) return JSON.stringify(value);
  const written = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  return written.includes('\n') ? JSON.stringify(value) : written;
}

// A new `key: value` line (or block) in a block map indented by `indent`.
function entry(key, value, indent) {
  const pad = ' '.repeat(indent);
  if (value === null || typeof value !== 'object') {
    const one = inline(value);
    if (typeof value === 'string' && pad.length + key.length + 2 + one.length > WIDTH) {
      const lines = fold(value, WIDTH - indent - 2);
      return `${pad}${key}: >-\n${lines.map((line) => `${pad}  ${line}`).join('\n')}\n`;
    }
    return `${pad}${key}: ${one}\n`;
  }
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    return `${pad}${key}: [${value.map((item) => inline(item)).join(', ')}]\n`;
  }
  const block = stringify(value, { lineWidth: WIDTH - indent - 2, minContentWidth: 0, flowCollectionPadding: false });
  return `${pad}${key}:\n${block.replace(/\n$/, '').split('\n').map((line) => `${pad}  ${line}`).join('\n')}\n`;
}

// Words of `text` in lines of at most `width` characters (a longer word stands alone).
function fold(text, width) {
  const lines = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

function lineStart(source, at) {
  return source.lastIndexOf('\n', at - 1) + 1;
}

function column(source, at) {
  return at - lineStart(source, at);
}

function blockIndent(source, node) {
  const body = source.slice(node.range[0], node.range[1]).split('\n').slice(1).find((line) => line.trim());
  return body === undefined ? null : body.length - body.trimStart().length;
}

// When a change cannot be made in place (a list item added or removed, say): the file is
// written again from its document, comments kept. The pull-request check still reads it.
function rewritten(doc, values) {
  const next = parseDocument(doc.toString());
  next.contents = next.createNode(clean(values));
  const comment = doc.commentBefore;
  if (comment) next.commentBefore = comment;
  return next.toString({ lineWidth: WIDTH, minContentWidth: 0, flowCollectionPadding: false });
}

// --- Registration --------------------------------------------------------------------------

if (typeof window !== 'undefined' && window.CMS) {
  window.CMS.registerCustomFormat('aftercare-yaml', 'yml', { fromFile: fromYaml, toFile: toYaml });
  window.CMS.registerCustomFormat('aftercare-frontmatter', 'md', { fromFile: fromPage, toFile: toPage });
  window.CMS.init();
}

export { fromPage, fromYaml, toPage, toYaml };
