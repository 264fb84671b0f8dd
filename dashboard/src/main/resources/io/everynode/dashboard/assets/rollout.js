// The rollout view of the chosen DaemonSet: a chart of updated / available / unavailable nodes
// over the current rollout (points from the fleet stream's `rollout` member, kept here, so a
// reconnected stream of the same revision continues the chart), the budget (maxUnavailable as the
// controller resolves it, R5.2) and the partition (E4.1) as lines, stage (E5.4) and pause (E3.1)
// markers; and the pause / resume / undo buttons, shown only when RBAC allows them.
'use strict';
(function () {
  const api = window.EverynodeApi;
  const $ = (id) => document.getElementById(id);
  const PAUSED = 'everynode.io/paused';
  const COLOURS = { updated: '#2e9d4a', available: '#4a7fd4', unavailable: '#d8342c', budget: '#d8342c',
    partition: '#6b7380', stage: '#8e3bb5', pause: '#1d2430' };
  const PAD = { left: 36, right: 120, top: 12, bottom: 24 };

  class Chart {
    constructor(canvas) {
      this.canvas = canvas;
      this.pending = false;
      this.clear();
      window.addEventListener('resize', () => this.redraw());
    }

    clear() {
      this.revision = null;
      this.points = [];
      this.markers = [];
      this.facts = null;
      this.redraw();
    }

    // One `rollout` member of a stream line. A reset (a new revision) starts over, unless it is the
    // revision already drawn: a reconnected stream's snapshot continues the chart.
    apply(r) {
      if (r.revision !== this.revision) { this.points = []; this.markers = []; this.revision = r.revision; }
      r.points.forEach((p) => this.points.push(p));
      r.markers.forEach((m) => this.markers.push(m));
      this.facts = r;
      this.redraw();
    }

    redraw() {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.draw(); });
    }

    draw() {
      const c = this.canvas, f = this.facts;
      const width = Math.max(320, c.parentElement.clientWidth - 16), height = 220;
      const ratio = window.devicePixelRatio || 1;
      c.width = width * ratio; c.height = height * ratio;
      c.style.width = width + 'px'; c.style.height = height + 'px';
      c.dataset.points = String(this.points.length);
      c.dataset.markers = String(this.markers.length);
      const last = this.points[this.points.length - 1];
      c.dataset.lastUpdated = last ? String(last.updated) : '';
      c.dataset.budget = f ? String(f.maxUnavailable) : '';
      c.dataset.revision = this.revision || '';
      const ctx = c.getContext('2d');
      ctx.scale(ratio, ratio);
      ctx.font = '11px system-ui, sans-serif';
      if (!f || !last) { ctx.fillStyle = '#6b7380'; ctx.fillText('no rollout seen yet', PAD.left, PAD.top + 12); return; }
      const t0 = this.points[0].at;
      const t1 = Math.max(last.at, ...this.markers.map((m) => m.at), t0 + 1000);
      const top = Math.max(1, f.desired, ...this.points.map((p) => Math.max(p.updated, p.available, p.unavailable)));
      const plotW = width - PAD.left - PAD.right, plotH = height - PAD.top - PAD.bottom;
      const x = (at) => PAD.left + ((at - t0) / (t1 - t0)) * plotW;
      const y = (n) => PAD.top + plotH - (n / top) * plotH;
      // axes: nodes up, seconds since the rollout's first point across
      ctx.strokeStyle = '#c9ced6'; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(PAD.left, PAD.top); ctx.lineTo(PAD.left, PAD.top + plotH); ctx.lineTo(PAD.left + plotW, PAD.top + plotH); ctx.stroke();
      ctx.fillStyle = '#3b4454';
      ctx.fillText(String(top), 4, PAD.top + 8);
      ctx.fillText('0', 4, PAD.top + plotH);
      ctx.fillText('0 s', PAD.left, height - 6);
      ctx.fillText(Math.round((t1 - t0) / 1000) + ' s', PAD.left + plotW - 24, height - 6);
      // the budget and the partition, as lines across
      const across = (n, colour, label) => {
        ctx.save(); ctx.setLineDash([5, 4]); ctx.strokeStyle = colour;
        ctx.beginPath(); ctx.moveTo(PAD.left, y(n)); ctx.lineTo(PAD.left + plotW, y(n)); ctx.stroke(); ctx.restore();
        ctx.fillStyle = colour; ctx.fillText(label, PAD.left + 4, y(n) - 3); // at the left: the counters are named at the right
      };
      if (f.maxUnavailable >= 0) across(f.maxUnavailable, COLOURS.budget, 'budget ' + f.maxUnavailable + (f.maxSurge > 0 ? ' (surge ' + f.maxSurge + ')' : ''));
      if (f.partition > 0) across(f.partitionCap, COLOURS.partition, 'partition: ' + f.partition + ' held');
      // markers: stage boundaries and pauses, as lines down
      this.markers.forEach((m, i) => {
        const mx = x(m.at);
        ctx.strokeStyle = m.kind === 'stage' ? COLOURS.stage : COLOURS.pause;
        ctx.beginPath(); ctx.moveTo(mx, PAD.top); ctx.lineTo(mx, PAD.top + plotH); ctx.stroke();
        ctx.fillStyle = ctx.strokeStyle;
        ctx.fillText(m.label, mx + 3, PAD.top + 10 + (i % 3) * 12);
      });
      // the counters, as steps: each holds until the next point
      ['unavailable', 'available', 'updated'].forEach((key) => {
        ctx.strokeStyle = COLOURS[key]; ctx.lineWidth = 2;
        ctx.beginPath();
        this.points.forEach((p, i) => {
          if (i === 0) ctx.moveTo(x(p.at), y(p[key]));
          else { ctx.lineTo(x(p.at), y(this.points[i - 1][key])); ctx.lineTo(x(p.at), y(p[key])); }
        });
        ctx.lineTo(x(t1), y(last[key]));
        ctx.stroke();
        ctx.fillStyle = COLOURS[key];
        ctx.fillText(key + ' ' + last[key], PAD.left + plotW + 4, y(last[key]) - 4);
      });
      ctx.lineWidth = 1;
    }
  }

  let chart = null, current = null, mayPatch = false, mayUndo = false;

  function text(el, s) { el.textContent = s == null ? '' : String(s); }

  function dsPath() { return api.daemonSetPath(current.kind, current.namespace, current.name); }

  function paused() { return !!(chart && chart.facts && chart.facts.paused); }

  function showButtons() {
    $('pause').hidden = !(mayPatch && !paused());
    $('resume').hidden = !(mayPatch && paused());
    $('undo').hidden = !mayUndo;
    $('undo-to').hidden = !mayUndo;
  }

  function caption() {
    const f = chart.facts;
    if (!f) { text($('rollout-caption'), ''); return; }
    const parts = ['revision ' + f.revision, 'generation ' + f.generation + (f.observedGeneration === f.generation ? '' : ' (observed ' + f.observedGeneration + ')')];
    parts.push(f.maxUnavailable >= 0 ? 'maxUnavailable ' + f.maxUnavailable + (f.maxSurge > 0 ? ', maxSurge ' + f.maxSurge : '') : 'no rolling update');
    if (f.partition > 0) parts.push('partition ' + f.partition);
    if (f.stage) parts.push('stage ' + f.stage.label);
    if (f.paused) parts.push('paused');
    text($('rollout-caption'), parts.join(' · '));
    $('rollout').dataset.paused = String(f.paused);
  }

  // A new DaemonSet was chosen: a new chart, and no button until the API has answered.
  function select(kind, namespace, name) {
    current = { kind, namespace, name };
    chart.clear();
    text($('rollout-caption'), '');
    text($('rollout-message'), '');
    hideActions();
  }

  function apply(r) {
    chart.apply(r);
    caption();
    showButtons();
  }

  function hideActions() {
    mayPatch = false; mayUndo = false;
    $('rollout-actions').dataset.checked = 'false';
    showButtons();
  }

  // Pause and resume patch the DaemonSet; undo also lists its ControllerRevisions (kubectl's reads).
  async function checkActions() {
    hideActions();
    const asked = current;
    const { kind, namespace, name } = asked;
    const [patch, list] = await Promise.all([
      api.canI('patch', api.daemonSetGroup(kind), 'daemonsets', namespace, name),
      api.canI('list', 'apps', 'controllerrevisions', namespace)]);
    if (current !== asked) return;
    mayPatch = patch; mayUndo = patch && list;
    showButtons();
    $('rollout-actions').dataset.checked = 'true';
  }

  // The answer's code (200, or the API's refusal) for tests; the message is shown either way.
  async function act(call, done) {
    try {
      const answer = await call();
      text($('rollout-message'), done(answer));
      return 200;
    } catch (e) {
      text($('rollout-message'), e.message);
      return e.code;
    }
  }

  // The merge patch that pauses (or resumes): on apps/v1 `kubectl annotate ds NAME
  // everynode.io/paused=true` (or `everynode.io/paused-`, docs/beyond-kubernetes.md); on the
  // advanced kind `kubectl patch ads NAME --type merge -p` of its field (docs/advanced-daemonset.md).
  function pausePatch(paused) {
    if (current.kind === 'ads') return { spec: { updateStrategy: { rollingUpdate: { paused } } } };
    return { metadata: { annotations: { [PAUSED]: paused ? 'true' : null } } };
  }

  function pause() {
    return act(() => api.call('PATCH', dsPath(), pausePatch(true), 'application/merge-patch+json'), () => 'paused');
  }

  function resume() {
    return act(() => api.call('PATCH', dsPath(), pausePatch(false), 'application/merge-patch+json'), () => 'resumed');
  }

  // `kubectl rollout undo ds/NAME [--to-revision=N]`: the dashboard's endpoint makes kubectl's
  // requests as the caller. An empty revision box is the previous revision.
  function undo() {
    const to = $('undo-to').value.trim();
    const q = 'namespace=' + encodeURIComponent(current.namespace) + '&name=' + encodeURIComponent(current.name)
      + (current.kind ? '&kind=' + encodeURIComponent(current.kind) : '')
      + (to ? '&toRevision=' + encodeURIComponent(to) : '');
    return act(() => api.call('POST', 'api/rollout-undo?' + q), (a) => a.message);
  }

  document.addEventListener('DOMContentLoaded', () => {
    chart = new Chart($('rollout-chart'));
    $('pause').addEventListener('click', pause);
    $('resume').addEventListener('click', resume);
    $('undo').addEventListener('click', undo);
  });

  window.EverynodeRollout = { select, apply, checkActions, hideActions, pause, resume, undo };
})();
