# Tether in a container: the same built path `npm start` and CI run (scripts/start.mjs runs the bundle of
# scripts/start.ts: migrations, then the dashboard's web server and one worker), without npm in front of it,
# against the PostgreSQL in DATABASE_URL (compose.yaml provides one).
# Not built or run on the project's machines, which have no Docker engine: keep it minimal.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# The postinstall generates the Prisma client from the schema.
COPY scripts/generate-prisma.mjs scripts/
COPY prisma prisma
RUN npm ci
COPY . .
# Next's build and the server bundles (node_modules/.cache/tether), so the container compiles nothing at start.
RUN npm run build && node scripts/start.mjs --build-only && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    MALLOC_ARENA_MAX=2 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    TETHER_DATA_DIR=/data \
    TETHER_DEMO=off
COPY --from=build --chown=node:node /app /app
RUN mkdir /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--max-semi-space-size=1", "scripts/start.mjs"]
