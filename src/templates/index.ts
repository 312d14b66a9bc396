/**
 * The built-in templates, bundled as text. A repo overrides any of them with a file of the same
 * name under its `templates:` folder (e.g. `templates/notice.md.hbs`, `templates/site/incident.html.hbs`).
 * Names ending in `.md` render markdown (escaped for GitHub); all others render HTML or XML.
 * Every template is also a partial under its name: `{{> partials/timeline.md}}`. See docs/templates.md.
 */
import updateMd from './update.md.hbs';
import updateHtml from './update.html.hbs';
import noticeMd from './notice.md.hbs';
import noticeHtml from './notice.html.hbs';
import documentHtml from './partials/document.html.hbs';
import noticeBodyHtml from './partials/notice-body.html.hbs';
import timelineMd from './partials/timeline.md.hbs';
import timelineHtml from './partials/timeline.html.hbs';
import incidentRowsHtml from './partials/incident-rows.html.hbs';
import incidentTableHtml from './partials/incident-table.html.hbs';
import siteLayout from './site/layout.html.hbs';
import siteIndex from './site/index.html.hbs';
import siteIncident from './site/incident.html.hbs';
import siteDomain from './site/domain.html.hbs';
import siteDataset from './site/dataset.html.hbs';
import siteTeam from './site/team.html.hbs';
import siteRunbook from './site/runbook.html.hbs';
import siteList from './site/list.html.hbs';
import siteDashboard from './site/dashboard.html.hbs';
import site404 from './site/404.html.hbs';
import siteFeed from './site/feed.xml.hbs';
import siteCss from './site/site.css.hbs';

export const BUILTIN_TEMPLATES = {
  'update.md': updateMd,
  'update.html': updateHtml,
  'notice.md': noticeMd,
  'notice.html': noticeHtml,
  'partials/document.html': documentHtml,
  'partials/notice-body.html': noticeBodyHtml,
  'partials/timeline.md': timelineMd,
  'partials/timeline.html': timelineHtml,
  'partials/incident-rows.html': incidentRowsHtml,
  'partials/incident-table.html': incidentTableHtml,
  'site/layout.html': siteLayout,
  'site/index.html': siteIndex,
  'site/incident.html': siteIncident,
  'site/domain.html': siteDomain,
  'site/dataset.html': siteDataset,
  'site/team.html': siteTeam,
  'site/runbook.html': siteRunbook,
  'site/list.html': siteList,
  'site/dashboard.html': siteDashboard,
  'site/404.html': site404,
  'site/feed.xml': siteFeed,
  'site/site.css': siteCss,
} as const;
