// The graph explorer: search, a node-link view that expands on click, details with sources.
// Talks only to this service's /graphql.
'use strict';

const COLORS = {
  ORGANIZER: '#1f77b4', REGION: '#2ca02c', ASSOCIATION: '#9467bd', ORGANIZATION: '#8c564b',
  ACTIVITY: '#ff7f0e', CAMPAIGN: '#d62728', EVENT: '#e377c2', DOCUMENT: '#7f7f7f', TOPIC: '#17becf',
  KEY_ARRANGEMENT: '#bcbd22', CONTENT_ITEM: '#aec7e8', REQUIREMENT: '#c5b0d5', NOTICE: '#12355b',
  THEME: '#f0b429', SLOGAN: '#ffbb78', PRODUCT_CATEGORY: '#98df8a', CONTACT: '#c49c94',
};
const KIND_NAMES = {
  ORGANIZER: '主办单位', REGION: '地区', ASSOCIATION: '协会', ORGANIZATION: '机构', ACTIVITY: '活动',
  CAMPAIGN: '专项行动', EVENT: '会议/展览', DOCUMENT: '文件', TOPIC: '主题词', KEY_ARRANGEMENT: '重点安排',
  CONTENT_ITEM: '活动内容', REQUIREMENT: '工作要求', NOTICE: '通知', THEME: '活动主题', SLOGAN: '口号',
  PRODUCT_CATEGORY: '产品类别', CONTACT: '联系人',
};
const KIND_OF_TYPENAME = {
  Organizer: 'ORGANIZER', Region: 'REGION', Association: 'ASSOCIATION', Organization: 'ORGANIZATION',
  Activity: 'ACTIVITY', Campaign: 'CAMPAIGN', Event: 'EVENT', Document: 'DOCUMENT', Topic: 'TOPIC',
  KeyArrangement: 'KEY_ARRANGEMENT', ContentItem: 'CONTENT_ITEM', Requirement: 'REQUIREMENT',
  Notice: 'NOTICE', Theme: 'THEME', Slogan: 'SLOGAN', ProductCategory: 'PRODUCT_CATEGORY', Contact: 'CONTACT',
};

async function gql(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

function kindBadge(kind) {
  return el('span', { class: 'kind', style: `background:${COLORS[kind] || '#999'}` }, KIND_NAMES[kind] || kind);
}

const cy = cytoscape({
  container: document.getElementById('graph'),
  style: [
    { selector: 'node', style: {
      'background-color': (n) => COLORS[n.data('kind')] || '#999', label: 'data(short)', 'font-size': 10,
      'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#12355b' } },
    { selector: 'edge', style: {
      width: 1.2, 'line-color': '#b8c4d0', 'target-arrow-color': '#b8c4d0', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', label: 'data(type)', 'font-size': 7, color: '#7a8896' } },
  ],
  wheelSensitivity: 0.3,
});
window.qgraphNodeCount = () => cy.nodes().length;

async function expand(id) {
  const data = await gql(
    'query($id: ID!){ neighborhood(id: $id, depth: 1, limit: 60){ nodes { id label kind } edges { source target type } truncated } }',
    { id },
  );
  const added = [];
  for (const n of data.neighborhood.nodes) {
    if (cy.getElementById(n.id).empty()) {
      const short = n.label.length > 14 ? `${n.label.slice(0, 13)}…` : n.label;
      added.push({ group: 'nodes', data: { id: n.id, label: n.label, short, kind: n.kind } });
    }
  }
  cy.add(added);
  for (const e of data.neighborhood.edges) {
    const edgeId = `${e.source}|${e.type}|${e.target}`;
    if (cy.getElementById(edgeId).empty()) cy.add({ group: 'edges', data: { id: edgeId, ...e } });
  }
  cy.layout({ name: 'cose', animate: false, nodeRepulsion: 9000, idealEdgeLength: 70 }).run();
  cy.$(':selected').unselect();
  cy.getElementById(id).select();
  document.body.dataset.expanded = String(cy.nodes().length);
}

const DETAILS = `query($id: ID!){ node(id: $id){ id __typename
  ... on Actor { name aliases kind partners { id name } activities(first: 30){ totalCount nodes { id title source { section text } } } }
  ... on Region { code }
  ... on Activity { title types context source { section text line } participants { role actor { id name } } campaigns { name } events { name } documents { name } }
  ... on Campaign { name aliases }
  ... on Event { name eventKind }
  ... on Document { name }
  ... on Topic { name aliases }
  ... on KeyArrangement { ordinal title source { section text } }
  ... on ContentItem { ordinal title source { section text } }
  ... on Requirement { ordinal title source { section text } }
  ... on Theme { text }
  ... on Slogan { ordinal text }
  ... on ProductCategory { name count unit examples }
  ... on Notice { year name declaredOrganizerCount }
} }`;

async function showDetails(id) {
  const panel = document.getElementById('details');
  panel.replaceChildren(el('p', { class: 'hint' }, '加载中…'));
  const { node } = await gql(DETAILS, { id });
  const kind = KIND_OF_TYPENAME[node.__typename];
  const title = node.name || node.title || node.text || node.id;
  const parts = [el('h2', {}, kindBadge(kind), title), el('p', { class: 'hint' }, node.id)];
  const list = el('dl');
  const add = (term, value) => { if (value !== undefined && value !== null && value !== '') list.append(el('dt', {}, term), el('dd', {}, value)); };
  if (node.aliases && node.aliases.length) add('别名', node.aliases.join('、'));
  if (node.code !== undefined) add('行政区划代码 (GB/T 2260)', node.code || '无');
  if (node.types) add('活动类型', node.types.join(', '));
  if (node.context) add('背景', node.context);
  if (node.participants) add('参与单位', node.participants.map((p) => `${p.actor.name}（${p.role}）`).join('、'));
  if (node.campaigns && node.campaigns.length) add('专项行动', node.campaigns.map((c) => c.name).join('、'));
  if (node.events && node.events.length) add('会议/展览', node.events.map((e) => e.name).join('、'));
  if (node.documents && node.documents.length) add('引用文件', node.documents.map((d) => `《${d.name}》`).join(''));
  if (node.partners && node.partners.length) add('合作单位', node.partners.map((p) => p.name).join('、'));
  if (node.examples) add('产品', `${node.count}${node.unit}：${node.examples.join('、')}`);
  parts.push(list);
  if (node.source) parts.push(el('dt', {}, `原文（${node.source.section}）`), el('blockquote', {}, node.source.text));
  if (node.activities) {
    parts.push(el('dt', {}, `开展的活动（${node.activities.totalCount}）`));
    for (const a of node.activities.nodes) {
      parts.push(el('blockquote', { title: a.source.section }, `${a.title} —— ${a.source.text}`));
    }
  }
  panel.replaceChildren(...parts);
}

cy.on('tap', 'node', async (event) => {
  const id = event.target.id();
  await Promise.all([expand(id), showDetails(id)]);
});

document.getElementById('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = document.getElementById('q').value.trim();
  const results = document.getElementById('results');
  if (!text) return;
  results.replaceChildren(el('p', { class: 'hint' }, '搜索中…'));
  try {
    const data = await gql(`query($text: String!){ search(text: $text, first: 30){ score snippet node { id __typename
      ... on Actor { name } ... on Activity { title } ... on Campaign { name } ... on Event { name }
      ... on Document { name } ... on Topic { name } ... on KeyArrangement { title } ... on ContentItem { title }
      ... on Requirement { title } ... on Theme { text } ... on Slogan { text } ... on ProductCategory { name } } } }`, { text });
    if (!data.search.length) { results.replaceChildren(el('p', { class: 'hint' }, `没有找到“${text}”`)); return; }
    const list = el('ul', { 'data-count': String(data.search.length) });
    for (const hit of data.search) {
      const n = hit.node;
      const item = el('li', { 'data-id': n.id }, kindBadge(KIND_OF_TYPENAME[n.__typename]),
        n.name || n.title || n.text || n.id, el('span', { class: 'snippet' }, hit.snippet));
      item.addEventListener('click', async () => {
        list.querySelectorAll('li.active').forEach((li) => li.classList.remove('active'));
        item.classList.add('active');
        await Promise.all([expand(n.id), showDetails(n.id)]);
      });
      list.append(item);
    }
    results.replaceChildren(el('p', { class: 'hint' }, `“${text}”：${data.search.length} 条结果`), list);
  } catch (error) {
    results.replaceChildren(el('p', { class: 'hint' }, `出错了：${error.message}`));
  }
});

document.getElementById('legend').append(
  ...Object.entries(KIND_NAMES).slice(0, 12).map(([k, v]) => el('span', {}, el('i', { style: `background:${COLORS[k]}` }), v)),
);
