# Roster: multi-stage build on Node.js 24 LTS. The image expects DATABASE_URL (a PostgreSQL server;
# it does not run the embedded PostgreSQL) and PUBLIC_URL (the public https URL identity providers
# reach; the SCIM URLs are built from it). CMD runs the server; `roster …` the operator CLI.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.ts ./scripts/
COPY src ./src
COPY migrations ./migrations
COPY portal ./portal
RUN npm run build

FROM node:24-slim AS runtime
# The heap: Roster's live set is about 40 MB; left to itself V8 grows the old generation to several
# hundred MB under load before collecting. 160 MB of old space with 16 MB semi-spaces keeps the
# process near 200 MB at no measurable CPU cost (docs/benchmarks.md). Override with NODE_OPTIONS.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    NODE_OPTIONS="--max-old-space-size=160 --max-semi-space-size=16"
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# `roster <command>` runs the operator CLI (the package's bin; tsx is not in the image):
# docker run --rm -e DATABASE_URL=… <image> roster list-organizations
RUN chmod 755 dist/src/cli/roster.js && ln -s /app/dist/src/cli/roster.js /usr/local/bin/roster
# The image's unprivileged user; nothing in /app is writable by it.
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node receives SIGTERM directly (no shell in between), so shutdown drains in-flight requests.
CMD ["node", "dist/src/main.js"]
