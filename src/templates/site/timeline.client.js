// Draws the mermaid timelines of an incident page with the bundled mermaid (assets/mermaid.min.js):
// strict security (mermaid sanitises every label), no network. The table beside it has the same events.
(function () {
  'use strict';
  if (typeof window.mermaid === 'undefined') return;
  var blocks = document.querySelectorAll('pre.mermaid');
  if (!blocks.length) return;
  window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', gantt: { useWidth: 1100 } });
  window.mermaid.run({ nodes: blocks }).then(function () {
    document.documentElement.setAttribute('data-timeline', 'rendered');
  }, function (err) {
    document.documentElement.setAttribute('data-timeline', 'failed');
    for (var i = 0; i < blocks.length; i++) blocks[i].removeAttribute('aria-hidden');
    if (window.console) console.warn('timeline: mermaid could not draw the chart; the table below has the same events.', err && err.message);
  });
})();
