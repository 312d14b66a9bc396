/**
 * The built-in templates, bundled as text. A repo overrides any of them with a file of the same
 * name under its `templates:` folder (e.g. `templates/notice.md.hbs`, `templates/site/incident.html.hbs`).
 * Names ending in `.md` render markdown (escaped for GitHub); all others render HTML or XML.
 * Every template is also a partial under its name: `{{> partials/timeline.md}}`.
 */
import updateMd from './update.md.hbs';
import updateHtml from './update.html.hbs';
import noticeMd from './notice.md.hbs';
import noticeHtml from './notice.html.hbs';
import documentHtml from './partials/document.html.hbs';
import noticeBodyHtml from './partials/notice-body.html.hbs';
import timelineMd from './partials/timeline.md.hbs';
import timelineHtml from './partials/timeline.html.hbs';

export const BUILTIN_TEMPLATES = {
  'update.md': updateMd,
  'update.html': updateHtml,
  'notice.md': noticeMd,
  'notice.html': noticeHtml,
  'partials/document.html': documentHtml,
  'partials/notice-body.html': noticeBodyHtml,
  'partials/timeline.md': timelineMd,
  'partials/timeline.html': timelineHtml,
} as const;
