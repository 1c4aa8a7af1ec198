// Hash addresses (#/groups, #/groups/{groupId}): a link opens the page; Back works.

/** A matcher for a route like '#/groups/{groupId}': the params of a hash it matches, else null. */
export function compile(route) {
  const names = [];
  const pattern = route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (m, name) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${pattern}/?$`);
  return (hash) => {
    const m = regex.exec(hash);
    if (!m) {
      return null;
    }
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(m[i + 1])]));
  };
}

/** The page whose route matches {@code hash} and its params; the first page when none does. */
export function resolve(pages, hash) {
  const h = hash && hash !== '#' && hash !== '#/' ? hash.split('?')[0] : pages[0].route;
  for (const page of pages) {
    page.match = page.match || compile(page.route);
    const params = page.match(h);
    if (params) {
      return { page, params };
    }
  }
  return null;
}

/** The address of {@code route} with its {param}s filled from {@code params} (encoded). */
export function href(route, params = {}) {
  return route.replace(/\{(\w+)\}/g, (m, name) => encodeURIComponent(params[name]));
}
