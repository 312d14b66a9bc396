// Pages a list the way GitHub does: `per_page` (default 30, at most 100) and `page` (from 1),
// and a `Link` header with absolute URLs in GitHub's order: prev, next, last, first.

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  /** Absent when everything fits on one page, as on GitHub. */
  link?: string;
}

export function paginate<T>(items: T[], requestUrl: URL, values: { per_page?: unknown; page?: unknown }): Page<T> {
  const perPage = Math.min(Math.max(Number(values.per_page ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE, 1), MAX_PER_PAGE);
  const page = Math.max(Number(values.page ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const pageItems = items.slice((page - 1) * perPage, page * perPage);
  if (last === 1 && page === 1) return { items: pageItems };

  const urlFor = (n: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${urlFor(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${urlFor(page + 1)}; rel="next"`, `${urlFor(last)}; rel="last"`);
  if (page > 1) rels.push(`${urlFor(1)}; rel="first"`);
  return { items: pageItems, link: rels.join(', ') };
}
