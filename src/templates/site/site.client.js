// The index page's filters and search: no server, no network. The rows are in the page; the
// filter data is JSON in <script type="application/json" id="incident-data"> (keys: i id,
// s status, o open, v severity, d domain, t teams, q search text). State lives in the URL hash.
(function () {
  'use strict';
  var dataEl = document.getElementById('incident-data');
  var form = document.getElementById('filters');
  if (!dataEl || !form) return;
  var data;
  try { data = JSON.parse(dataEl.textContent || '[]'); } catch (e) { return; }
  var rows = {};
  var all = document.querySelectorAll('#incident-table tbody tr[data-id]');
  for (var k = 0; k < all.length; k++) rows[all[k].getAttribute('data-id')] = all[k];
  var fields = { status: 'f-status', severity: 'f-severity', domain: 'f-domain', team: 'f-team', q: 'f-q' };
  var count = document.getElementById('result-count');
  var none = document.getElementById('no-results');

  function values() {
    var v = {};
    for (var name in fields) v[name] = document.getElementById(fields[name]).value;
    return v;
  }
  function matches(d, v, words) {
    if (v.status === 'open' && !d.o) return false;
    if (v.status === 'done' && d.o) return false;
    if (v.status && v.status !== 'open' && v.status !== 'done' && d.s !== v.status) return false;
    if (v.severity && d.v !== v.severity) return false;
    if (v.domain && d.d !== v.domain) return false;
    if (v.team && d.t.indexOf(v.team) < 0) return false;
    for (var w = 0; w < words.length; w++) if (d.q.indexOf(words[w]) < 0) return false;
    return true;
  }
  function apply(save) {
    var v = values();
    var words = v.q.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    var open = 0;
    for (var i = 0; i < data.length; i++) {
      var d = data[i];
      var row = rows[d.i];
      if (!row) continue;
      var ok = matches(d, v, words);
      row.hidden = !ok;
      if (ok) { shown++; if (d.o) open++; }
    }
    count.textContent = shown + ' of ' + data.length + ' incidents shown, ' + open + ' open.';
    none.hidden = shown > 0;
    if (save) {
      var parts = [];
      for (var name in v) if (v[name]) parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(v[name]));
      history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
    }
  }
  function load() {
    var h = location.hash.replace(/^#/, '');
    var pairs = h ? h.split('&') : [];
    for (var name in fields) document.getElementById(fields[name]).value = '';
    for (var p = 0; p < pairs.length; p++) {
      var kv = pairs[p].split('=');
      var key = decodeURIComponent(kv[0] || '');
      if (!Object.prototype.hasOwnProperty.call(fields, key)) continue;
      var el = document.getElementById(fields[key]);
      var val = decodeURIComponent(kv[1] || '');
      if (el.tagName === 'SELECT') {
        for (var o = 0; o < el.options.length; o++) if (el.options[o].value === val) el.value = val;
      } else {
        el.value = val;
      }
    }
  }
  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('input', function () { apply(true); });
  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('reset', function () { setTimeout(function () { apply(true); }, 0); });
  window.addEventListener('hashchange', function () { load(); apply(false); });
  load();
  apply(false);
})();
