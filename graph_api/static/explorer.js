// The graph explorer: search, a node-link view that expands on click, details with sources.
// Talks only to this service (/graphql, /model.json, /ready). Every display name and colour
// comes from /model.json, which the service builds from the model registry (loaders/model.py).
'use strict';

const NEIGHBOURS = 60; // nodes fetched per expansion; "显示更多" asks for MORE_NEIGHBOURS
const MORE_NEIGHBOURS = 200;
const FONT_FAMILY = 'system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

const MODEL = { kinds: {}, byTypename: {}, relations: {}, roles: {}, activityTypes: {}, links: [] };
const kindName = (kind) => (MODEL.kinds[kind] ? MODEL.kinds[kind].zh : '节点');
const kindColour = (kind) => (MODEL.kinds[kind] ? MODEL.kinds[kind].colour : '#999');
const relationName = (type) => MODEL.relations[type] || '关联';
const roleName = (role) => MODEL.roles[role] || role;
const typeName = (type) => MODEL.activityTypes[type] || type;

// ---------------------------------------------------------------- talking to the service

class ServiceError extends Error {
  constructor(message, code) { super(message); this.code = code; }
}

/** A sentence a reader understands; the technical text stays in the element's title. */
function explain(error) {
  switch (error.code) {
    case 'UNAVAILABLE': return '图数据库暂时无法访问，请稍后再试；如果问题持续，请联系管理员检查数据服务。';
    case 'OFFLINE': return '无法连接到服务，请确认服务正在运行后刷新页面。';
    case 'EMPTY': return '图中还没有数据：请先运行 qgraph load 载入通知。';
    case 'NOT_FOUND': return '没有找到这个节点，数据可能已重新载入，请重新搜索。';
    case 'LIMIT_EXCEEDED': return '这次查询超出了服务的限制，请缩小范围。';
    case 'TIMEOUT': return '查询超时，请稍后再试。';
    default: return `查询没有成功（${error.code || '未知原因'}），请稍后再试。`;
  }
}

function problem(error) {
  return el('p', { class: 'problem', role: 'alert', title: error.message }, explain(error));
}

async function gql(query, variables) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ServiceError(String(error), 'OFFLINE');
  }
  let body;
  try { body = await response.json(); } catch (error) { throw new ServiceError(`HTTP ${response.status}`, 'OFFLINE'); }
  if (body.errors && body.errors.length) {
    const first = body.errors[0];
    throw new ServiceError(body.errors.map((e) => e.message).join('; '), first.extensions && first.extensions.code);
  }
  return body.data;
}

// ---------------------------------------------------------------- small DOM helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

function kindBadge(kind) {
  return el('span', { class: 'kind', style: `background:${kindColour(kind)}` }, kindName(kind));
}

/** A link that focuses a node: expands it in the graph and shows its details. */
function nodeLink(id, text) {
  const a = el('a', { class: 'link', href: `#${encodeURIComponent(id)}`, 'data-id': id }, text);
  a.addEventListener('click', (event) => { event.preventDefault(); focus(id); });
  return a;
}

// ---------------------------------------------------------------- the graph view

const measure = document.createElement('canvas').getContext('2d');
measure.font = `13px ${FONT_FAMILY}`;

function textColour(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 160 ? '#1d2733' : '#ffffff';
}

function nodeData(n) {
  const short = n.label.length > 12 ? `${n.label.slice(0, 11)}…` : n.label;
  const width = Math.ceil(measure.measureText(short).width) + 16;
  const colour = kindColour(n.kind);
  return { id: n.id, label: n.label, short, kind: n.kind, colour, ink: textColour(colour), width, height: 26 };
}

const cy = cytoscape({
  container: document.getElementById('graph'),
  style: [
    { selector: 'node', style: {
      shape: 'round-rectangle', 'background-color': 'data(colour)', label: 'data(short)', color: 'data(ink)',
      'font-size': 13, 'font-family': FONT_FAMILY, 'text-valign': 'center',
      'text-halign': 'center', width: 'data(width)', height: 'data(height)' } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#12355b' } },
    { selector: 'node.truncated', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#d62728' } },
    { selector: 'edge', style: {
      width: 1.2, 'line-color': '#b8c4d0', 'target-arrow-color': '#b8c4d0', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', label: 'data(zh)', 'font-size': 10, color: '#5c6b7a', 'text-rotation': 'autorotate',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
      'min-zoomed-font-size': 7 } }, // relation names fade out when zoomed far out, node names stay
  ],
  wheelSensitivity: 0.3,
  maxZoom: 1.6,
});

/** Rendered boxes of the nodes (for the browser test's overlap check). */
window.qgraphNodeCount = () => cy.nodes().length;
window.qgraphBoxes = () => cy.nodes().map((n) => ({ id: n.id(), ...n.renderedBoundingBox({ includeLabels: true }) }));
window.qgraphEdgeLabels = () => cy.edges().map((e) => e.data('zh'));
window.qgraphNodeLabels = () => cy.nodes().map((n) => n.data('short'));

function overlapping(a, b, gap) {
  return a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;
}

/** fcose spaces nodes by their size; this pass removes any overlap it leaves, moving the least. */
function separate(gap = 6) {
  const nodes = cy.nodes().toArray();
  const boxes = nodes.map((n) => n.boundingBox({ includeLabels: true }));
  const shift = (i, dx, dy) => {
    const p = nodes[i].position();
    nodes[i].position({ x: p.x + dx, y: p.y + dy });
    const b = boxes[i];
    boxes[i] = { x1: b.x1 + dx, x2: b.x2 + dx, y1: b.y1 + dy, y2: b.y2 + dy };
  };
  for (let round = 0; round < 2000; round += 1) {
    let moved = false;
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const a = boxes[i]; const b = boxes[j];
        if (!overlapping(a, b, gap)) continue;
        // push apart along the axis that needs the smaller move, half each
        const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + gap;
        const dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + gap;
        const left = (a.x1 + a.x2) <= (b.x1 + b.x2) ? -1 : 1;
        const up = (a.y1 + a.y2) <= (b.y1 + b.y2) ? -1 : 1;
        if (dx < dy) { shift(i, left * (dx / 2 + 0.5), 0); shift(j, -left * (dx / 2 + 0.5), 0); }
        else { shift(i, 0, up * (dy / 2 + 0.5)); shift(j, 0, -up * (dy / 2 + 0.5)); }
        moved = true;
      }
    }
    if (!moved) return round;
  }
  return -1;
}

function layout() {
  // A fresh spectral start each time reads better than nudging the old positions: once a graph
  // has a few dozen nodes an incremental run leaves the new ones crowded round the clicked one.
  // Edges at a hub are longer, so its many neighbours get room on a wider ring.
  const options = {
    name: 'fcose', quality: 'proof', animate: false, randomize: true, fit: true, padding: 30,
    nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 6000,
    idealEdgeLength: (edge) => 60 + 3 * Math.max(0, edge.source().degree() - 12, edge.target().degree() - 12),
    edgeElasticity: () => 0.45, gravity: 0.6, gravityRange: 2.5, nodeSeparation: 60, packComponents: true, numIter: 2500,
  };
  cy.layout(options).run();
  // Tree-like neighbourhoods come out wide and the canvas is tall: squeeze the positions toward
  // the canvas's shape (at most 1.6× each way) so they fill it at a larger zoom; the overlap pass
  // below then clears any boxes brought together.
  const box = cy.nodes().boundingBox();
  const k = Math.min(1.6, Math.sqrt((box.w / Math.max(box.h, 1)) / (cy.width() / cy.height())));
  if (k > 1.1) {
    const c = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
    cy.nodes().positions((n) => ({ x: c.x + (n.position('x') - c.x) / k, y: c.y + (n.position('y') - c.y) * k }));
  }
  window.qgraphSeparationRounds = separate();
  cy.fit(undefined, 30);
}

function showNote(id, label, shown) {
  const note = document.getElementById('graph-note');
  if (!id) { note.hidden = true; note.replaceChildren(); return; }
  const more = el('button', { type: 'button' }, '显示更多');
  more.addEventListener('click', () => expand(id, MORE_NEIGHBOURS));
  note.replaceChildren(`“${label}”的关联较多，只显示了 ${shown} 个节点，更多未显示。`);
  if (shown < MORE_NEIGHBOURS) note.append(more);
  note.hidden = false;
}

async function expand(id, limit = NEIGHBOURS) {
  const data = await gql(
    'query($id: ID!, $limit: Int){ neighborhood(id: $id, depth: 1, limit: $limit){ nodes { id label kind } edges { source target type } truncated } }',
    { id, limit },
  );
  const centre = cy.getElementById(id).nonempty() ? cy.getElementById(id).position() : { x: 0, y: 0 };
  const added = [];
  for (const n of data.neighborhood.nodes) {
    if (cy.getElementById(n.id).empty()) {
      const jitter = { x: centre.x + (Math.random() - 0.5) * 80, y: centre.y + (Math.random() - 0.5) * 80 };
      added.push({ group: 'nodes', data: nodeData(n), position: jitter });
    }
  }
  cy.add(added);
  for (const e of data.neighborhood.edges) {
    const edgeId = `${e.source}|${e.type}|${e.target}`;
    if (cy.getElementById(edgeId).empty()) cy.add({ group: 'edges', data: { id: edgeId, ...e, zh: relationName(e.type) } });
  }
  const node = cy.getElementById(id);
  node.toggleClass('truncated', data.neighborhood.truncated);
  showNote(data.neighborhood.truncated ? id : null, node.data('label'), data.neighborhood.nodes.length);
  layout();
  cy.$(':selected').unselect();
  node.select();
  document.body.dataset.expanded = String(cy.nodes().length);
}

// ---------------------------------------------------------------- details

const ACTIVITY_PAGE = 'activities(first: 30){ totalCount nodes { id title source { section text } } }';
// What an activity links to and the named kinds with their own activities come from /model.json
// (the model registry's links); the page spells none of them.
const detailsQuery = () => `query($id: ID!){ node(id: $id){ id __typename
  ... on Actor { name aliases kind partners { id name } activities(first: 30){ totalCount nodes { id title source { section text } } } }
  ... on Region { code }
  ... on Activity { title types context source { section text line } participants { role actor { id name } }
    ${MODEL.links.map((l) => `${l.field} { id ${l.nameField} }`).join(' ')} }
  ${MODEL.links.filter((l) => l.named).map((l) => `... on ${l.typename} { name aliases ${l.actors ? 'actors { id name }' : ''} ${ACTIVITY_PAGE} }`).join('\n  ')}
  ... on Event { eventKind partOf { id name } }
  ... on KeyArrangement { ordinal title source { section text } implementing: activities { id title source { section text } } }
  ... on ContentItem { ordinal title source { section text } }
  ... on Requirement { ordinal title source { section text } }
  ... on Theme { text }
  ... on Slogan { ordinal text }
  ... on ProductCategory { name count unit examples }
  ... on Contact { contactName: name office phones email }
  ... on Notice { year name declaredOrganizerCount theme { id text } keyArrangements { id title } }
} }`;

function activityList(heading, page) {
  const list = el('ul');
  for (const a of page.nodes) {
    list.append(el('li', {}, nodeLink(a.id, a.title),
      el('span', { class: 'src', title: a.source.section }, `${a.source.section} · ${a.source.text}`)));
  }
  const more = page.totalCount > page.nodes.length ? `，显示前 ${page.nodes.length} 项` : '';
  return [el('dt', {}, `${heading}（${page.totalCount}${more}）`), el('dd', {}, list)];
}

function joinLinks(items, text) {
  const span = el('span');
  items.forEach((item, i) => { if (i) span.append('、'); span.append(nodeLink(item.id, text(item))); });
  return span;
}

// The node whose details were asked for last: an answer that arrives after a later click is dropped.
let detailsWanted = null;

async function showDetails(id) {
  const panel = document.getElementById('details');
  detailsWanted = id;
  panel.replaceChildren(el('p', { class: 'hint' }, '加载中…'));
  try {
    const { node } = await gql(detailsQuery(), { id });
    if (detailsWanted !== id) return;
    const kind = MODEL.byTypename[node.__typename];
    const title = node.name || node.contactName || node.title || node.text || kindName(kind);
    const parts = [el('h2', {}, kindBadge(kind), title), el('p', { class: 'hint' }, node.id)];
    const list = el('dl');
    const add = (term, value) => {
      if (value !== undefined && value !== null && value !== '') list.append(el('dt', {}, term), el('dd', {}, value));
    };
    if (node.aliases && node.aliases.length) add('别名', node.aliases.join('、'));
    if (node.code !== undefined) add('行政区划代码（GB/T 2260）', node.code || '无');
    if (node.types) add('活动类型', node.types.map(typeName).join('、'));
    if (node.context) add('背景', node.context);
    if (node.participants) {
      const runs = node.participants.map((p) => ({ id: p.actor.id, text: `${p.actor.name}（${roleName(p.role)}）` }));
      add('参与单位', joinLinks(runs, (r) => r.text));
    }
    if (node.participants) {
      for (const l of MODEL.links) {
        if (node[l.field] && node[l.field].length) add(kindName(l.kind), joinLinks(node[l.field], (x) => x[l.nameField]));
      }
    }
    if (node.partOf) add('隶属', nodeLink(node.partOf.id, node.partOf.name));
    if (node.eventKind) add('类别', node.eventKind);
    if (node.partners && node.partners.length) add('合作单位', joinLinks(node.partners, (p) => p.name));
    if (node.actors && node.actors.length) add('参与单位', joinLinks(node.actors, (a) => a.name));
    if (node.examples) add('产品', `${node.count}${node.unit}：${node.examples.join('、')}`);
    if (node.office) add('单位', node.office);
    if (node.phones && node.phones.length) add('电话', node.phones.join('、'));
    if (node.email) add('电子邮箱', node.email);
    if (node.year) add('年份', String(node.year));
    if (node.declaredOrganizerCount) add('联合主办单位', `${node.declaredOrganizerCount} 个`);
    if (node.theme) add(kindName('THEME'), nodeLink(node.theme.id, node.theme.text));
    if (node.keyArrangements && node.keyArrangements.length) {
      add(kindName('KEY_ARRANGEMENT'), el('ul', {}, ...node.keyArrangements.map((k) => el('li', {}, nodeLink(k.id, k.title)))));
    }
    if (node.source) { add(`原文（${node.source.section}）`, el('blockquote', {}, node.source.text)); }
    const link = MODEL.links.find((l) => l.typename === node.__typename);
    if (node.implementing) {
      list.append(...activityList(link.heading, { totalCount: node.implementing.length, nodes: node.implementing }));
    } else if (node.activities) {
      list.append(...activityList(kind && MODEL.kinds[kind].actor ? '开展的活动' : link ? link.heading : '相关活动', node.activities));
    }
    parts.push(list);
    panel.replaceChildren(...parts);
  } catch (error) {
    if (detailsWanted === id) panel.replaceChildren(problem(error));
  }
}

/** Expand a node in the graph and show its details; problems show in the details panel. */
async function focus(id) {
  await Promise.all([
    expand(id).catch((error) => { if (detailsWanted === id) document.getElementById('details').replaceChildren(problem(error)); }),
    showDetails(id),
  ]);
}

cy.on('tap', 'node', (event) => focus(event.target.id()));
// Labels are cut at 12 characters; the whole name shows on hover.
cy.on('mouseover', 'node', (event) => {
  cy.container().title = `${kindName(event.target.data('kind'))}：${event.target.data('label')}`;
});
cy.on('mouseout', 'node', () => { cy.container().title = ''; });

// ---------------------------------------------------------------- search

const searchQuery = () => `query($text: String!){ search(text: $text, first: 30){ score snippet node { id __typename
  ... on Actor { name } ... on Activity { title }
  ${MODEL.links.filter((l) => l.named).map((l) => `... on ${l.typename} { name }`).join(' ')}
  ... on KeyArrangement { title } ... on ContentItem { title }
  ... on Requirement { title } ... on Theme { text } ... on Slogan { text } ... on ProductCategory { name }
  ... on Contact { contactName: name office } ... on Notice { name } } } }`;

function hitTitle(n, kind) {
  if (n.contactName !== undefined) return [n.contactName, n.office].filter(Boolean).join('，') || kindName(kind);
  return n.name || n.title || n.text || kindName(kind);
}

document.getElementById('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = document.getElementById('q').value.trim();
  const results = document.getElementById('results');
  if (!text) return;
  results.replaceChildren(el('p', { class: 'hint' }, '搜索中…'));
  try {
    const data = await gql(searchQuery(), { text });
    if (!data.search.length) { results.replaceChildren(el('p', { class: 'hint' }, `没有找到“${text}”`)); return; }
    const list = el('ul', { 'data-count': String(data.search.length) });
    for (const hit of data.search) {
      const n = hit.node;
      const kind = MODEL.byTypename[n.__typename];
      const item = el('li', { 'data-id': n.id }, kindBadge(kind), hitTitle(n, kind), el('span', { class: 'snippet' }, hit.snippet));
      item.addEventListener('click', async () => {
        list.querySelectorAll('li.active').forEach((li) => li.classList.remove('active'));
        item.classList.add('active');
        await focus(n.id);
      });
      list.append(item);
    }
    results.replaceChildren(el('p', { class: 'hint' }, `“${text}”：${data.search.length} 条结果`), list);
  } catch (error) {
    results.replaceChildren(problem(error));
  }
});

// ---------------------------------------------------------------- reset, legend, start

function reset() {
  cy.elements().remove();
  showNote(null);
  document.getElementById('q').value = '';
  document.getElementById('results').replaceChildren(el('p', { class: 'hint' }, '输入关键词，点击结果展开其关系网络。'));
  document.getElementById('details').replaceChildren(el('p', { class: 'hint' }, '点击图中的节点查看详情与原文出处。'));
  delete document.body.dataset.expanded;
}

document.getElementById('reset').addEventListener('click', reset);

async function start() {
  const response = await fetch('/model.json');
  const model = await response.json();
  for (const k of model.kinds) { MODEL.kinds[k.kind] = k; MODEL.byTypename[k.typename] = k.kind; }
  Object.assign(MODEL, { relations: model.relations, roles: model.roles, activityTypes: model.activityTypes, links: model.links });
  document.getElementById('legend').append(...model.kinds.map((k) => el('span', { 'data-kind': k.kind },
    el('i', { style: `background:${k.colour}` }), k.zh)));
  const ready = await fetch('/ready').then((r) => r.json()).catch(() => ({ status: 'offline' }));
  if (ready.status !== 'ready') {
    const code = { empty: 'EMPTY', offline: 'OFFLINE' }[ready.status] || 'UNAVAILABLE';
    document.getElementById('results').replaceChildren(problem(new ServiceError(ready.reason || ready.status, code)));
  }
  document.body.dataset.ready = 'true';
}

start();
