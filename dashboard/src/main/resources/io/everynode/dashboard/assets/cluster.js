// The cluster view: a row per node (conditions, taints, capacity, allocatable and what its pods
// request) and the events of an object, live from the server's cluster stream (itself driven by
// watches, never by polling lists). RBAC: a caller who may not list nodes sees the API's refusal;
// one who may not list pods or events sees that part marked as not allowed.
'use strict';
(function () {
  const api = window.EverynodeApi;
  const $ = (id) => document.getElementById(id);
  const rows = new Map();           // node name -> row
  let conditions = [], events = [], pending = false;

  function el(tag, attrs, textContent) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'class') e.className = v; else e.setAttribute(k, v); });
    if (textContent != null) e.textContent = String(textContent);
    return e;
  }

  // The section's parts, made once.
  function build() {
    const box = $('cluster');
    if (box.childElementCount) return;
    const head = el('div', { class: 'toolbar' });
    head.appendChild(el('h2', {}, 'Nodes'));
    head.appendChild(el('span', { id: 'cluster-status', class: 'connection connecting', 'data-state': 'connecting' }, 'connecting…'));
    box.appendChild(head);
    box.appendChild(el('p', { id: 'cluster-error', class: 'error', role: 'alert' }));
    const table = el('table', { id: 'nodes', class: 'nodes' });
    const tr = el('tr');
    ['Node', 'Ready', 'Problems', 'Taints', 'CPU requested', 'Memory requested', 'Pods'].forEach((h) => tr.appendChild(el('th', {}, h)));
    table.appendChild(el('thead')).appendChild(tr);
    table.appendChild(el('tbody', { id: 'node-rows' }));
    box.appendChild(table);
    box.appendChild(el('h2', {}, 'Events'));
    const filter = el('div', { class: 'toolbar' });
    [['event-kind', 'Kind', 'Pod, Node, DaemonSet'], ['event-namespace', 'Namespace', 'any'], ['event-name', 'Name', 'any']].forEach(([id, label, hint]) => {
      const l = el('label', {}, label + ' ');
      l.appendChild(el('input', { id, type: 'search', placeholder: hint }));
      filter.appendChild(l);
    });
    const apply = el('button', { id: 'event-apply', type: 'button' }, 'Show');
    apply.addEventListener('click', start);
    filter.appendChild(apply);
    box.appendChild(filter);
    box.appendChild(el('p', { id: 'events-note', class: 'error' }));
    box.appendChild(el('ul', { id: 'event-list', class: 'events' }));
  }

  function setStatus(state, label, why) {
    const s = $('cluster-status');
    s.className = 'connection ' + state;
    s.dataset.state = state;
    s.textContent = label;
    s.title = why || '';
  }

  // The stream, opened again after it ends or fails; the filter is read at each opening.
  const live = api.reopening(
    () => 'api/cluster?' + ['kind', 'namespace', 'name']
      .map((k) => k + '=' + encodeURIComponent($('event-' + k).value.trim())).join('&'),
    onMessage,
    setStatus,
    (e) => {
      if (e.code !== 401 && e.code !== 403 && e.code !== 400) return false;
      $('cluster-error').textContent = (e.code === 403 ? 'Not allowed: ' : '') + e.message;
      setStatus('reconnecting', 'not allowed', e.message);
      return true;
    });

  function start() { live.start(); }

  function stop() { live.stop(); }

  function onMessage(m) {
    switch (m.type) {
      case 'snapshot':
        conditions = m.conditions;
        rows.clear();
        m.nodes.forEach((r) => rows.set(r.name, r));
        events = m.events;
        live.live();
        $('cluster-error').textContent = '';
        $('events-note').textContent = m.notAllowed.events ? 'Events not allowed: ' + m.notAllowed.events : '';
        $('nodes').dataset.podsAllowed = String(!m.notAllowed.pods);
        if (m.notAllowed.pods) $('cluster-error').textContent = 'Requests unknown: ' + m.notAllowed.pods;
        setStatus('live', 'live');
        break;
      case 'nodes':
        m.nodes.forEach((r) => rows.set(r.name, r));
        m.removed.forEach((n) => rows.delete(n));
        break;
      case 'events':
        events = m.events;
        break;
      default:
        return; // ping
    }
    redraw();
  }

  // At most one redraw a frame, however many lines came.
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; drawRows(); drawEvents(); });
  }

  function cpu(m) { return m === 0 ? '0' : m >= 1000 && m % 1000 === 0 ? String(m / 1000) : m + 'm'; }
  function bytes(b) {
    const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
    let i = 0;
    while (b >= 1024 && i < units.length - 1 && b % 1024 === 0) { b /= 1024; i++; }
    return b + units[i];
  }

  function usageCell(u, format) {
    const td = el('td', { class: 'usage ' + u.level, 'data-percent': String(u.percent) },
      format(u.requested) + ' / ' + format(u.allocatable) + ' (' + u.percent + '%)');
    td.title = 'capacity ' + format(u.capacity) + ', allocatable ' + format(u.allocatable);
    return td;
  }

  function drawRows() {
    const body = $('node-rows');
    const names = [...rows.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    const out = document.createDocumentFragment();
    names.forEach((n) => {
      const r = rows.get(n);
      const tr = el('tr', { 'data-node': r.name, 'data-ready': r.ready, 'data-taints': r.taints.join(','), 'data-problems': r.problems.join(',') });
      tr.appendChild(el('td', {}, r.name + (r.unschedulable ? ' (cordoned)' : '')));
      tr.appendChild(el('td', { class: r.ready === 'True' ? 'ok' : 'bad' }, r.ready));
      const p = el('td');
      r.problems.forEach((x) => p.appendChild(el('span', { class: 'badge bad' }, x)));
      p.title = conditions.map((c) => c + '=' + r.conditions[c]).join(', ');
      tr.appendChild(p);
      const t = el('td');
      r.taints.forEach((x) => t.appendChild(el('span', { class: 'badge taint' }, x)));
      tr.appendChild(t);
      tr.appendChild(usageCell(r.cpu, cpu));
      tr.appendChild(usageCell(r.memory, bytes));
      tr.appendChild(usageCell(r.pods, String));
      out.appendChild(tr);
    });
    body.replaceChildren(out);
    $('nodes').dataset.rows = String(rows.size);
  }

  function drawEvents() {
    const list = $('event-list');
    const out = document.createDocumentFragment();
    events.slice().reverse().forEach((e) => {
      const li = el('li', { 'data-kind': e.kind, 'data-name': e.name, 'data-reason': e.reason },
        e.last + ' ' + e.type + ' ' + e.kind + ' ' + (e.objectNamespace ? e.objectNamespace + '/' : '') + e.name
        + ' ' + e.reason + ': ' + e.message + (e.count > 1 ? ' (×' + e.count + ')' : ''));
      out.appendChild(li);
    });
    if (!events.length) out.appendChild(el('li', {}, 'none'));
    list.replaceChildren(out);
    list.dataset.count = String(events.length);
  }

  // The tabs: the fleet grid, or the cluster view (its stream runs only while it is shown).
  function showView(which) {
    $('fleet').hidden = which !== 'fleet';
    $('cluster').hidden = which !== 'cluster';
    $('view-fleet').classList.toggle('active', which === 'fleet');
    $('view-cluster').classList.toggle('active', which === 'cluster');
    if (which === 'cluster') { build(); start(); } else stop();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('view-fleet').addEventListener('click', () => showView('fleet'));
    $('view-cluster').addEventListener('click', () => showView('cluster'));
  });

  // dashboard.js calls these when the identity signs in and out.
  window.EverynodeCluster = {
    signedIn() { $('views').hidden = false; $('view-fleet').classList.add('active'); },
    signedOut() { stop(); $('views').hidden = true; $('cluster').hidden = true; }
  };
})();
