import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type Request } from 'express';
import { ideStorageScript } from './graphql-ide-storage.js';

const require = createRequire(import.meta.url);

/** A file inside an installed package, found through its package.json (their `exports` hide the UMD builds). */
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** Served from node_modules, so the IDE needs no CDN and works offline. */
const assets: Record<string, { file: string; type: string }> = {
  'graphiql.min.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript; charset=utf-8' },
  'graphiql.min.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css; charset=utf-8' },
  'react.production.min.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript; charset=utf-8' },
  'react-dom.production.min.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript; charset=utf-8' },
};

export const idePath = '/graphql';
const assetPrefix = '/ide/';

// Lines short enough to read in the editor's half of a laptop's screen.
const defaultQuery = `# Roster GraphQL API — press the ▶ button
# (or Ctrl-Enter) to run a query. The Docs
# panel on the left describes every type.
#
# All but \`version\` and \`signIn\` need a session.
# Sign in once in the SignIn tab above: type
# the password (the first \`npm start\` printed
# demo credentials) between the empty quotes in
# its Variables pane, and run it. That password
# is not stored: the IDE keeps no password,
# token or answer in this browser. It then
# sends the session cookie.
#
# Then try:
# { groups { edges { node { name kind
#   memberCount scim { baseUrl } } } } }
{
  version
}
`;

/** The suggested sign-in: the password goes in the variables, which the IDE's storage empties. */
const signInQuery = `mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    expiresAt
    viewer {
      admin { email role }
      organization { name }
    }
  }
}
`;
const signInVariables = JSON.stringify({ input: { email: 'admin@demo.roster.local', password: '' } }, null, 2);

/** Starts GraphiQL; kept out of the HTML so the page's CSP can forbid inline scripts. */
const bootScript = `'use strict';
(function () {
  var root = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: root.getAttribute('data-endpoint') });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: ${JSON.stringify(defaultQuery)},
      defaultTabs: ${JSON.stringify([{ query: defaultQuery }, { query: signInQuery, variables: signInVariables }])},
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
      storage: rosterIdeStorage.over(window.localStorage)
    })
  );
})();
`;

function page(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Roster — GraphQL IDE</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${assetPrefix}graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql" data-endpoint="${endpoint}">Loading the Roster GraphQL IDE…</div>
  <script src="${assetPrefix}react.production.min.js"></script>
  <script src="${assetPrefix}react-dom.production.min.js"></script>
  <script src="${assetPrefix}graphiql.min.js"></script>
  <script src="${assetPrefix}storage.js"></script>
  <script src="${assetPrefix}boot.js"></script>
</body>
</html>
`;
}

/** A browser navigating to the endpoint asks for HTML; API clients ask for JSON. */
export function wantsIde(req: Request): boolean {
  return req.method === 'GET' && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * The offline GraphQL IDE (GraphiQL 4): `GET /graphql` from a browser opens it; its scripts and
 * styles come from `/ide/*`, read from node_modules. Pages are UTF-8 and cached briefly; the
 * vendored assets are immutable for a given install and cached for a day.
 */
export function graphqlIdeRoutes(): Router {
  const router = Router();
  router.get(idePath, (req, res, next) => {
    if (!wantsIde(req)) {
      next();
      return;
    }
    res
      .status(200)
      .type('text/html; charset=utf-8')
      .set('Cache-Control', 'no-cache')
      .set('Content-Security-Policy', ideContentSecurityPolicy)
      .send(page(idePath));
  });
  router.get(`${assetPrefix}boot.js`, (_req, res) => {
    res.type('text/javascript; charset=utf-8').set('Cache-Control', 'no-cache').send(bootScript);
  });
  router.get(`${assetPrefix}storage.js`, (_req, res) => {
    res.type('text/javascript; charset=utf-8').set('Cache-Control', 'no-cache').send(ideStorageScript);
  });
  router.get(`${assetPrefix}:asset`, (req, res, next) => {
    const asset = Object.hasOwn(assets, req.params.asset) ? assets[req.params.asset] : undefined;
    if (!asset) {
      next();
      return;
    }
    res.sendFile(asset.file, { headers: { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=86400' } });
  });
  return router;
}

/** GraphiQL sets inline styles and loads fonts as data: URIs; scripts are same-origin files only. */
const ideContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
