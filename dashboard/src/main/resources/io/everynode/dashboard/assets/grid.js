// The fleet grid: one cell per node on one canvas, redrawn at most once a frame however many
// cells a batch changed, so 5000 nodes stay smooth. Cells are grouped by a node label (a
// heading per value) and filtered by label=value or a part of the node's name.
'use strict';
(function () {
  const SIZE = 14, GAP = 3, HEADING = 22, PAD = 4;

  class Grid {
    constructor(canvas, onHover, onClick) {
      this.canvas = canvas;
      this.cells = new Map();     // node -> {node, pod, state, labels}
      this.colours = {};          // state code -> CSS colour
      this.groupBy = '';
      this.filter = '';
      this.layout = [];           // [{cell, x, y}] as last drawn
      this.headings = [];
      this.pending = false;
      this.selected = null;
      canvas.addEventListener('mousemove', (e) => onHover(this.hit(e), e));
      canvas.addEventListener('mouseleave', () => onHover(null));
      canvas.addEventListener('click', (e) => { const c = this.hit(e); if (c) onClick(c); });
      window.addEventListener('resize', () => this.redraw());
    }

    setLegend(legend) { legend.forEach((l) => { this.colours[l.code] = l.colour; }); }

    replace(cells) { this.cells.clear(); this.apply(cells, []); }

    apply(changed, removed) {
      changed.forEach((c) => this.cells.set(c.node, c));
      removed.forEach((n) => this.cells.delete(n));
      this.redraw();
    }

    setGroupBy(key) { this.groupBy = key; this.redraw(); }
    setFilter(text) { this.filter = text.trim(); this.redraw(); }
    select(node) { this.selected = node; this.redraw(); }

    // The label keys of the nodes, for the group-by choice.
    labelKeys() {
      const keys = new Set();
      this.cells.forEach((c) => Object.keys(c.labels || {}).forEach((k) => keys.add(k)));
      return [...keys].sort();
    }

    matches(c) {
      if (!this.filter) return true;
      const eq = this.filter.indexOf('=');
      if (eq > 0) {
        const k = this.filter.slice(0, eq).trim(), v = this.filter.slice(eq + 1).trim();
        return (c.labels || {})[k] === v;
      }
      return c.node.includes(this.filter);
    }

    visible() { return [...this.cells.values()].filter((c) => this.matches(c)); }

    redraw() {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.draw(); });
    }

    draw() {
      const width = Math.max(200, this.canvas.parentElement.clientWidth - 16);
      const perRow = Math.max(1, Math.floor((width - 2 * PAD) / (SIZE + GAP)));
      const groups = new Map();
      this.visible().forEach((c) => {
        const g = this.groupBy ? ((c.labels || {})[this.groupBy] || '(none)') : '';
        if (!groups.has(g)) groups.set(g, []);
        groups.get(g).push(c);
      });
      const names = [...groups.keys()].sort();
      this.layout = [];
      this.headings = [];
      let y = PAD;
      names.forEach((g) => {
        const cells = groups.get(g).sort((a, b) => a.node.localeCompare(b.node, undefined, { numeric: true }));
        if (this.groupBy) { this.headings.push({ text: this.groupBy + '=' + g + ' (' + cells.length + ')', y: y + 14 }); y += HEADING; }
        cells.forEach((c, i) => {
          this.layout.push({ cell: c, x: PAD + (i % perRow) * (SIZE + GAP), y: y + Math.floor(i / perRow) * (SIZE + GAP) });
        });
        y += Math.ceil(cells.length / perRow) * (SIZE + GAP) + GAP;
      });
      const ratio = window.devicePixelRatio || 1;
      this.canvas.width = width * ratio;
      this.canvas.height = Math.max(y, SIZE) * ratio;
      this.canvas.style.width = width + 'px';
      this.canvas.style.height = Math.max(y, SIZE) + 'px';
      const ctx = this.canvas.getContext('2d');
      ctx.scale(ratio, ratio);
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillStyle = '#3b4454';
      this.headings.forEach((h) => ctx.fillText(h.text, PAD, h.y));
      this.layout.forEach((p) => {
        ctx.fillStyle = this.colours[p.cell.state] || '#999';
        ctx.fillRect(p.x, p.y, SIZE, SIZE);
        if (p.cell.node === this.selected) {
          ctx.strokeStyle = '#1d2430'; ctx.lineWidth = 2; ctx.strokeRect(p.x - 1, p.y - 1, SIZE + 2, SIZE + 2);
        }
      });
      this.canvas.dataset.cells = String(this.layout.length);
    }

    hit(e) {
      const r = this.canvas.getBoundingClientRect();
      const x = e.clientX - r.left, y = e.clientY - r.top;
      const p = this.layout.find((q) => x >= q.x && x < q.x + SIZE && y >= q.y && y < q.y + SIZE);
      return p ? p.cell : null;
    }

    // Where a node's cell is drawn, relative to the canvas' top left corner (for tests and links).
    centre(node) {
      const p = this.layout.find((q) => q.cell.node === node);
      return p ? { x: p.x + SIZE / 2, y: p.y + SIZE / 2 } : null;
    }

    counts() {
      const out = {};
      this.visible().forEach((c) => { out[c.state] = (out[c.state] || 0) + 1; });
      return out;
    }
  }

  window.EverynodeGrid = Grid;
})();
