# syntax=docker/dockerfile:1
# The AI Morning Post in a container: `docker build -t morning-post .`, then
#   docker run --init -p 8080:8080 -v morning-post-data:/data morning-post
# Three stages: production dependencies (compiled with build tools), the build (with dev
# dependencies), and a slim runtime with neither compilers nor dev dependencies, run as `node`.

ARG NODE_IMAGE=node:22-bookworm-slim

# Production dependencies only. better-sqlite3 is native: prebuilt when one fits, else compiled here.
FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the package's own `prepare` (tsc) needs sources and dev dependencies it has not got here.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3 \
  && npm cache clean --force

# The build: dev dependencies, then tsc into dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# The runtime: what `npm start` reads, nothing else.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY samples/sample-day.json ./samples/
# The store, the HTTP and LLM caches and the site live in /data, owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
ENV MORNING_POST_DATA_DIR=/data \
    MORNING_POST_SITE_DIR=/data/site \
    PORT=8080
VOLUME ["/data"]
EXPOSE 8080
USER node
# /healthz answers 200 once the site has a front page. Slim images have no curl: node asks.
# `start` collects and builds before it listens, hence the long start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=300s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# Listens on every interface of the container (the default, 127.0.0.1, is unreachable from outside it).
CMD ["node", "dist/cli/main.js", "start", "--host", "0.0.0.0"]
