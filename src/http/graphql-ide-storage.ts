/**
 * GraphiQL's storage without secrets (served as /ide/storage.js, run before boot.js). GraphiQL 4
 * persists under `graphiql:` keys (@graphiql/toolkit StorageAPI, @graphiql/react editor/tabs.js,
 * toolkit storage/history.js): the editors' text (`query`, `variables`, `headers`), every tab
 * (`tabState`: tabs[].query, variables, headers, response) and the history (`queries`, `favorites`:
 * items with query, variables, headers). Everything it writes passes through `redact` here: a
 * password or token value is emptied, headers and answers are never kept, and what cannot be made
 * safe is not written at all — so a sign-in or a `createScimToken` answer never lands in the browser.
 * Plain browser JavaScript in a string: a TypeScript function's `toString()` would carry the
 * helpers tsx injects (`__name`), which do not exist in the page.
 */
export const ideStorageScript = String.raw`'use strict';
var rosterIdeStorage = (function () {
  var namespace = 'graphiql:';
  // The start of a Roster token, wherever it appears (src/domain/scim-tokens/scim-token.format.ts,
  // src/domain/admins/session-token.ts).
  var token = /roster_(?:scim|session)_[A-Za-z0-9_-]*/gi;
  // A credential-named argument, input field, JSON key or header (not a $variable) and its string
  // value: GraphQL password: "…", JSON "password": "…", a header "Authorization": "Bearer …".
  var credential = /(["']?)((?<![$\w-])[\w-]*(?:password|passphrase|passwd|secret|token|authorization|cookie|api[_-]?key)[\w-]*)\1(\s*:\s*)("""[\s\S]*?"""|"(?:[^"\\\r\n]|\\.)*")/gi;
  // A credential name still followed by a value after scrubbing: one that is not "", null, a
  // $variable or an object (a number, an unterminated string while typing, a list, …).
  var credentialValue = /(?<![$\w-])[\w-]*(?:password|passphrase|passwd|secret|token|authorization|cookie|api[_-]?key)[\w-]*["']?\s*:\s*(?!\s|""|null\b|\$|\{|$)/i;
  var withheld = '# This operation held a password or a token, so the IDE did not keep it.\n';

  function scrub(text) {
    return text.replace(credential, '$1$2$1$3""').replace(token, '[redacted]');
  }
  function holdsSecret(text) {
    return text.search(token) !== -1 || text.search(credentialValue) !== -1;
  }
  // The text to keep instead of this one, or null when scrubbing cannot make it safe.
  function clean(text) {
    if (typeof text !== 'string') return null;
    var scrubbed = scrub(text);
    return holdsSecret(scrubbed) ? null : scrubbed;
  }
  function cleanQuery(text) {
    var kept = clean(text);
    return kept === null ? withheld : kept;
  }
  function nameOrNull(text) {
    return typeof text === 'string' && !holdsSecret(text) ? text : null;
  }
  // tabState: what GraphiQL reopens. The same query cleaning as the "query" key, so that a reload
  // finds the stored query among the tabs instead of opening it again in a new tab.
  function cleanTabs(state) {
    state.tabs.forEach(function (tab) {
      tab.query = typeof tab.query === 'string' ? cleanQuery(tab.query) : null;
      tab.variables = typeof tab.variables === 'string' ? clean(tab.variables) : null;
      tab.headers = null;
      tab.response = null;
      tab.operationName = nameOrNull(tab.operationName);
      tab.title = nameOrNull(tab.title) || '<untitled>';
    });
    return state;
  }
  // queries / favorites: { queries: [{ query, variables, headers, operationName, label }] }. An item
  // that cannot be made safe is left out: history is a convenience, not a record.
  function cleanItems(items) {
    return items.flatMap(function (item) {
      var kept = Object.assign({}, item, { headers: null });
      if (typeof item.query === 'string') kept.query = clean(item.query);
      if (typeof item.variables === 'string') kept.variables = clean(item.variables);
      if (typeof item.label === 'string') kept.label = clean(item.label);
      var unsafe = (item.query && kept.query === null) || (item.variables && kept.variables === null) ||
        (item.label && kept.label === null) || (item.operationName && nameOrNull(item.operationName) === null);
      return unsafe ? [] : [kept];
    });
  }
  function cleanLists(stored) {
    Object.keys(stored).forEach(function (list) {
      stored[list] = Array.isArray(stored[list]) ? cleanItems(stored[list]) : null;
    });
    return stored;
  }

  // What to store under this key instead of the value GraphiQL gives; null: store nothing.
  function redact(key, value) {
    var name = key.indexOf(namespace) === 0 ? key.slice(namespace.length) : key;
    try {
      if (name === 'headers') return null;
      if (name === 'query') return cleanQuery(value);
      if (name === 'tabState') return JSON.stringify(cleanTabs(JSON.parse(value)));
      if (name === 'queries' || name === 'favorites') return JSON.stringify(cleanLists(JSON.parse(value)));
      return clean(value);
    } catch (error) {
      return null; // not the shape GraphiQL 4 writes: keep nothing rather than guess
    }
  }

  function ownKeys(backing) {
    var keys = [];
    for (var i = 0; i < backing.length; i++) {
      var key = backing.key(i);
      if (key !== null && key.indexOf(namespace) === 0) keys.push(key);
    }
    return keys;
  }
  function put(backing, key, value) {
    var kept = redact(key, String(value));
    if (kept === null) backing.removeItem(key);
    else backing.setItem(key, kept);
  }

  // The Storage GraphiQL is given ("storage" prop): the browser's localStorage behind redact. Opening
  // it first cleans what an earlier version of this IDE stored (its suggested signIn had the
  // password inline, so history may hold it).
  function over(backing) {
    ownKeys(backing).forEach(function (key) {
      var value = backing.getItem(key);
      if (value !== null && redact(key, value) !== value) put(backing, key, value);
    });
    return {
      getItem: function (key) { return backing.getItem(key); },
      setItem: function (key, value) { put(backing, key, value); },
      removeItem: function (key) { backing.removeItem(key); },
      clear: function () { ownKeys(backing).forEach(function (key) { backing.removeItem(key); }); },
      get length() { return ownKeys(backing).length; },
    };
  }

  return { redact: redact, over: over };
})();
`;
