// The page: sign-in, the DaemonSet choice, the live grid (the server's fleet stream, itself
// driven by watches), the node panel (why, events, log tail) and the actions RBAC allows.
'use strict';
(function () {
  const api = window.EverynodeApi;
  const rollout = window.EverynodeRollout;
  const $ = (id) => document.getElementById(id);

  let grid, legend = [], current = null;
  let panelNode = null, daemonSetSummary = null;

  function show(id, visible) { $(id).hidden = !visible; }

  function text(el, s) { el.textContent = s == null ? '' : String(s); }

  function setConnection(state, label) {
    const el = $('connection');
    el.hidden = false;
    el.className = 'connection ' + state;
    el.dataset.state = state;
    text(el, label);
  }

  // ---- sign-in ----

  async function signIn(token) {
    api.setToken(token);
    try {
      const user = await api.whoami();
      text($('whoami'), user ? 'signed in as ' + user : '');
    } catch (e) {
      api.setToken('');
      text($('sign-in-error'), e.code === 401 ? 'The API does not accept this token.' : e.message);
      return;
    }
    text($('sign-in-error'), '');
    show('sign-in', false);
    show('sign-out', true);
    show('fleet', true);
    window.EverynodeCluster.signedIn();
    await loadDaemonSets();
  }

  function signOut() {
    stopStream();
    // a certificate's session ends on the server too (a pasted token is not the dashboard's to end)
    if (api.token().startsWith('everynode-dashboard-session.'))
      fetch('api/session', { method: 'DELETE', headers: { Authorization: 'Bearer ' + api.token() } }).catch(() => {});
    api.setToken('');
    text($('whoami'), '');
    $('connection').hidden = true;
    show('restart', false);
    show('delete-pod', false);
    rollout.hideActions();
    show('fleet', false);
    window.EverynodeCluster.signedOut();
    show('sign-out', false);
    show('sign-in', true);
  }

  async function kubeconfigChosen() {
    const file = $('kubeconfig').files[0];
    if (!file) return;
    const body = await file.text();
    try {
      const res = await fetch('api/kubeconfig-token', { method: 'POST', body, headers: { 'Content-Type': 'application/yaml' } });
      const answer = await res.json();
      if (!res.ok) { text($('sign-in-error'), answer.message); return; }
      await signIn(answer.token);
    } catch (e) {
      text($('sign-in-error'), e.message);
    }
  }

  // ---- the DaemonSet choice ----

  // Both kinds: apps/v1 DaemonSets as NS/NAME, Advanced DaemonSets as ads/NS/NAME. A caller who
  // may not list the advanced kind (or a server without it) just sees none of those.
  async function loadDaemonSets() {
    const select = $('daemonset');
    select.replaceChildren();
    let keys = [];
    try {
      keys = ((await api.call('GET', api.daemonSetPath(''))).items || [])
        .map((ds) => api.daemonSetKey('', ds.metadata.namespace, ds.metadata.name));
    } catch (e) {
      text($('fleet-error'), 'Cannot list DaemonSets: ' + e.message);
    }
    try {
      ((await api.call('GET', api.daemonSetPath('ads'))).items || [])
        .forEach((ds) => keys.push(api.daemonSetKey('ads', ds.metadata.namespace, ds.metadata.name)));
    } catch (e) { /* not allowed to list the advanced kind: none shown */ }
    const wanted = decodeURIComponent(location.hash.slice(1));
    keys.forEach((key) => {
      const o = document.createElement('option');
      o.value = key; text(o, key);
      select.appendChild(o);
    });
    if (wanted && ![...select.options].some((o) => o.value === wanted)) {
      const o = document.createElement('option');
      o.value = wanted; text(o, wanted);
      select.appendChild(o);
    }
    if (wanted) select.value = wanted;
    if (select.value) choose(select.value);
  }

  function choose(key) {
    current = api.parseDaemonSetKey(key);
    if (location.hash.slice(1) !== key) history.replaceState(null, '', '#' + key);
    closePanel();
    rollout.select(current.kind, current.namespace, current.name);
    updateActions();
    rollout.checkActions();
    startStream();
  }

  // The dashboard's endpoints' `kind` parameter for the chosen DaemonSet (none for apps/v1).
  function kindQuery() { return current.kind ? '&kind=' + encodeURIComponent(current.kind) : ''; }

  // The buttons stay hidden until the API says the identity may act; data-checked tells when it said.
  async function updateActions() {
    const { kind, namespace, name } = current;
    show('restart', false);
    $('actions').dataset.checked = 'false';
    // kubectl rollout restart patches the template; the button shows only if RBAC allows it.
    show('restart', await api.canI('patch', api.daemonSetGroup(kind), 'daemonsets', namespace, name));
    $('actions').dataset.checked = 'true';
  }

  // kubectl rollout restart: the same patch of the pod template's annotation; strategic merge for
  // apps/v1, a merge patch for the advanced kind (a custom kind takes no strategic merge).
  async function restartDaemonSet() {
    const { kind, namespace, name } = current;
    const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() } } } } };
    try {
      await api.call('PATCH', api.daemonSetPath(kind, namespace, name), patch,
        kind ? 'application/merge-patch+json' : 'application/strategic-merge-patch+json');
      text($('fleet-error'), '');
      return 200;
    } catch (e) {
      text($('fleet-error'), e.message);
      return e.code;
    }
  }

  // ---- the live grid ----

  // The fleet stream of the chosen DaemonSet, opened again after it ends or fails.
  const fleetStream = api.reopening(
    () => 'api/fleet?namespace=' + encodeURIComponent(current.namespace) + '&name=' + encodeURIComponent(current.name) + kindQuery(),
    onMessage,
    (state, label, why) => {
      setConnection(state, label);
      if (why) $('connection').title = why;
    },
    (e) => {
      if (e.code === 401) { signOut(); text($('sign-in-error'), 'Signed out: ' + e.message); return true; }
      if (e.code === 403 || e.code === 404 || e.code === 400) {
        text($('fleet-error'), e.message);
        setConnection('reconnecting', 'not allowed');
        return true;
      }
      return false;
    });

  function stopStream() { fleetStream.stop(); }

  function startStream() { fleetStream.start(); }

  function onMessage(m) {
    switch (m.type) {
      case 'snapshot':
        legend = m.legend;
        grid.setLegend(legend);
        grid.replace(m.cells);
        fleetStream.live();
        text($('fleet-error'), '');
        setConnection('live', 'live');
        refreshGroupKeys();
        break;
      case 'cells':
        grid.apply(m.cells, m.removed);
        break;
      case 'gone':
        text($('fleet-error'), m.message);
        break;
      default:
        return; // ping
    }
    if (m.daemonSet) daemonSetSummary = m.daemonSet;
    if (m.rollout) rollout.apply(m.rollout);
    renderSummary();
    if (panelNode && m.cells && m.cells.some((c) => c.node === panelNode)) openPanel(grid.cells.get(panelNode), false);
  }

  function refreshGroupKeys() {
    const select = $('group-by');
    const chosen = select.value;
    const keys = grid.labelKeys().filter((k) => !k.startsWith('kubernetes.io/hostname'));
    select.replaceChildren();
    const none = document.createElement('option');
    none.value = ''; text(none, 'nothing');
    select.appendChild(none);
    keys.forEach((k) => { const o = document.createElement('option'); o.value = k; text(o, k); select.appendChild(o); });
    select.value = keys.includes(chosen) ? chosen : '';
  }

  function renderSummary() {
    const counts = grid.counts();
    const list = $('legend');
    list.replaceChildren();
    legend.forEach((l) => {
      const li = document.createElement('li');
      li.dataset.state = l.code;
      li.dataset.count = String(counts[l.code] || 0);
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = l.colour;
      li.appendChild(sw);
      li.appendChild(document.createTextNode(l.label + ': ' + (counts[l.code] || 0)));
      list.appendChild(li);
    });
    const d = daemonSetSummary;
    if (d) {
      text($('summary'), d.namespace + '/' + d.name + ': ' + grid.visible().length + ' nodes shown; desired ' + d.desired
        + ', updated ' + d.updated + ', ready ' + d.ready + ', available ' + d.available);
    }
  }

  // ---- hover and the node panel ----

  function hover(cell, e) {
    const tip = $('tooltip');
    if (!cell) { tip.hidden = true; return; }
    const label = (legend.find((l) => l.code === cell.state) || {}).label || cell.state;
    text(tip, cell.node + (cell.pod ? ' · ' + cell.pod : '') + ' · ' + label);
    const box = $('grid-box').getBoundingClientRect();
    tip.style.left = (e.clientX - box.left + 12) + 'px';
    tip.style.top = (e.clientY - box.top + 12) + 'px';
    tip.hidden = false;
  }

  function closePanel() {
    panelNode = null;
    show('panel', false);
    if (grid) grid.select(null);
  }

  async function openPanel(cell, fresh) {
    if (!cell) return;
    const { namespace, name } = current;
    panelNode = cell.node;
    grid.select(cell.node);
    show('panel', true);
    text($('panel-node'), cell.node);
    text($('panel-pod'), cell.pod ? 'pod ' + cell.pod : 'no daemon pod');
    if (fresh) { $('why').replaceChildren(); text($('log'), ''); $('events').replaceChildren(); }
    const q = 'namespace=' + encodeURIComponent(namespace) + '&name=' + encodeURIComponent(name) + '&node=' + encodeURIComponent(cell.node) + kindQuery();
    const tasks = [
      api.call('GET', 'api/why?' + q).then(renderWhy, (e) => { text($('why'), e.message); }),
      events(namespace, cell),
      logTail(namespace, cell)
    ];
    show('delete-pod', false);
    $('pod-actions').dataset.checked = 'false';
    show('delete-pod', !!cell.pod && await api.canI('delete', '', 'pods', namespace, cell.pod));
    $('pod-actions').dataset.checked = 'true';
    await Promise.all(tasks);
  }

  function renderWhy(answer) {
    const box = $('why');
    box.replaceChildren();
    const a = (answer.nodes || [])[0];
    if (!a) { text(box, 'no answer for this node'); return; }
    box.dataset.reason = a.reason;
    const head = document.createElement('p');
    const verdict = document.createElement('span');
    verdict.className = 'verdict';
    text(verdict, a.verdict + ' (' + a.reason + ')');
    head.appendChild(verdict);
    head.appendChild(document.createTextNode(': ' + a.message));
    box.appendChild(head);
    const ul = document.createElement('ul');
    a.details.forEach((d) => { const li = document.createElement('li'); text(li, d); ul.appendChild(li); });
    box.appendChild(ul);
  }

  async function events(namespace, cell) {
    const list = $('events');
    const about = cell.pod
      ? '/api/v1/namespaces/' + encodeURIComponent(namespace) + '/events?fieldSelector=' + encodeURIComponent('involvedObject.name=' + cell.pod)
      : '/api/v1/events?fieldSelector=' + encodeURIComponent('involvedObject.kind=Node,involvedObject.name=' + cell.node);
    try {
      const items = ((await api.call('GET', about)).items || [])
        .sort((a, b) => String(a.lastTimestamp || a.eventTime || '').localeCompare(String(b.lastTimestamp || b.eventTime || '')))
        .slice(-10);
      list.replaceChildren();
      if (!items.length) { const li = document.createElement('li'); text(li, 'none'); list.appendChild(li); }
      items.forEach((ev) => {
        const li = document.createElement('li');
        text(li, (ev.type || '') + ' ' + ev.reason + ': ' + ev.message + (ev.count > 1 ? ' (×' + ev.count + ')' : ''));
        list.appendChild(li);
      });
    } catch (e) {
      list.replaceChildren();
      const li = document.createElement('li'); text(li, e.message); list.appendChild(li);
    }
  }

  async function logTail(namespace, cell) {
    if (!cell.pod) { text($('log'), '(no pod)'); return; }
    try {
      text($('log'), await api.call('GET', '/api/v1/namespaces/' + encodeURIComponent(namespace) + '/pods/'
        + encodeURIComponent(cell.pod) + '/log?tailLines=20'));
    } catch (e) {
      text($('log'), e.message);
    }
  }

  async function deletePod() {
    const cell = grid.cells.get(panelNode);
    if (!cell || !cell.pod) return;
    try {
      await api.call('DELETE', '/api/v1/namespaces/' + encodeURIComponent(current.namespace) + '/pods/' + encodeURIComponent(cell.pod));
    } catch (e) {
      text($('why'), e.message);
    }
  }

  // ---- start ----

  document.addEventListener('DOMContentLoaded', () => {
    grid = new window.EverynodeGrid($('grid'), hover, (c) => openPanel(c, true));
    $('sign-in-token').addEventListener('click', () => signIn($('token').value.trim()));
    $('kubeconfig').addEventListener('change', kubeconfigChosen);
    $('sign-out').addEventListener('click', signOut);
    $('daemonset').addEventListener('change', (e) => choose(e.target.value));
    $('group-by').addEventListener('change', (e) => grid.setGroupBy(e.target.value));
    $('filter').addEventListener('input', (e) => { grid.setFilter(e.target.value); renderSummary(); });
    $('restart').addEventListener('click', restartDaemonSet);
    $('delete-pod').addEventListener('click', deletePod);
    $('panel-close').addEventListener('click', closePanel);
    window.addEventListener('hashchange', () => { const k = decodeURIComponent(location.hash.slice(1)); if (k && (!current || k !== current.key)) choose(k); });
    if (api.token()) signIn(api.token()); else show('sign-in', true);
  });

  // For tests and for links: read what the page shows, and try an action directly.
  window.everynode = {
    cellCount: () => (grid ? grid.layout.length : 0),
    cellCentre: (node) => (grid ? grid.centre(node) : null),
    cellStates: () => (grid ? Object.fromEntries([...grid.cells.values()].map((c) => [c.node, c.state])) : {}),
    restartDaemonSet,
  };
})();
