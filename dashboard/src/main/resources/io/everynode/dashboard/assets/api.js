// Calls to the API server as the signed-in identity. The token lives in this tab's
// sessionStorage only; every request carries it, so RBAC decides what the page may see and do.
'use strict';
(function () {
  const KEY = 'everynode.token';

  function token() { return sessionStorage.getItem(KEY) || ''; }
  function setToken(t) { if (t) sessionStorage.setItem(KEY, t); else sessionStorage.removeItem(KEY); }

  function headers(extra) {
    const h = Object.assign({ Accept: 'application/json' }, extra || {});
    const t = token();
    if (t) h.Authorization = 'Bearer ' + t;
    return h;
  }

  // A failed call as an Error carrying the HTTP code and the Status message of the API.
  async function failure(res) {
    let message = res.status + ' ' + res.statusText;
    try {
      const s = await res.json();
      if (s && s.message) message = s.message;
    } catch (e) { /* not a Status */ }
    const err = new Error(message);
    err.code = res.status;
    return err;
  }

  async function call(method, path, body, contentType) {
    const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': contentType || 'application/json' }) };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(path, init);
    if (!res.ok) throw await failure(res);
    const type = res.headers.get('Content-Type') || '';
    return type.includes('json') ? res.json() : res.text();
  }

  // Reads a newline-delimited JSON stream until it ends; onLine gets each parsed line.
  // Resolves when the server ends the stream, rejects when it fails or answers an error.
  async function stream(path, onLine, signal) {
    const res = await fetch(path, { headers: headers(), signal });
    if (!res.ok) throw await failure(res);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.trim()) onLine(JSON.parse(line));
      }
    }
  }

  // A stream that opens itself again: after it ends or fails, after 1 s, doubling to 10 s; the
  // back-off starts over when the caller says the stream is live (its snapshot came). path() is
  // asked at each opening; onState(state, label, why) hears 'connecting', 'reconnecting' (with
  // why); refused(e) answers whether a failure is final (a 401, 403 …: no retry).
  function reopening(path, onLine, onState, refused) {
    const RETRY_MAX_MS = 10000;
    let abort = null, retryMs = 1000, retryTimer = null;

    function stop() {
      if (abort) abort.abort();
      abort = null;
      clearTimeout(retryTimer);
    }

    function start() {
      stop();
      const a = new AbortController();
      abort = a;
      onState('connecting', 'connecting…');
      stream(path(), onLine, a.signal).then(
        () => again(a, 'the stream ended'),
        (e) => {
          if (a.signal.aborted || refused(e)) return;
          again(a, e.message);
        });
    }

    function again(a, why) {
      if (a.signal.aborted) return;
      onState('reconnecting', 'reconnecting…', why);
      retryTimer = setTimeout(start, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }

    return { start, stop, live() { retryMs = 1000; } };
  }

  // SelfSubjectAccessReview: may the signed-in identity do this? (kubectl auth can-i)
  async function canI(verb, group, resource, namespace, name) {
    const review = {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb, group, resource, namespace, name } }
    };
    try {
      const r = await call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', review);
      return !!(r.status && r.status.allowed);
    } catch (e) {
      return false;
    }
  }

  async function whoami() {
    const r = await call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    return r.status && r.status.userInfo ? r.status.userInfo.username : '';
  }

  // The two DaemonSet kinds the page shows (docs/dashboard.md "Both kinds"): '' is apps/v1,
  // 'ads' OpenKruise's Advanced DaemonSet; the dashboard's endpoints take 'ads' as their `kind`.
  const KINDS = { '': { group: 'apps', version: 'v1' }, ads: { group: 'apps.kruise.io', version: 'v1alpha1' } };

  function daemonSetGroup(kind) { return KINDS[kind].group; }

  // The collection of a kind (every namespace), or one object of it.
  function daemonSetPath(kind, namespace, name) {
    const k = KINDS[kind];
    const base = '/apis/' + k.group + '/' + k.version;
    if (!namespace) return base + '/daemonsets';
    return base + '/namespaces/' + encodeURIComponent(namespace) + '/daemonsets/' + encodeURIComponent(name);
  }

  // The picker's value and the URL hash: 'NS/NAME' for apps/v1, 'ads/NS/NAME' for the advanced kind.
  function daemonSetKey(kind, namespace, name) { return (kind ? kind + '/' : '') + namespace + '/' + name; }

  function parseDaemonSetKey(key) {
    const parts = key.split('/');
    if (parts.length === 3 && parts[0] === 'ads') return { kind: 'ads', namespace: parts[1], name: parts[2], key };
    return { kind: '', namespace: parts[0], name: parts[1], key };
  }

  window.EverynodeApi = { token, setToken, call, stream, reopening, canI, whoami, daemonSetGroup, daemonSetPath, daemonSetKey, parseDaemonSetKey };
})();
