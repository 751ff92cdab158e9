# Production-like image: the gateway or the worker (see docker-compose.yml) on Node 24, with the
# dashboard built in (adapter-node bundles it; its build tools are dropped afterwards).
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/package.json
RUN npm ci --no-audit --no-fund
COPY core ./core
COPY adapters ./adapters
COPY gateway ./gateway
COPY migrations ./migrations
COPY scripts ./scripts
COPY web ./web
COPY tsconfig.json ./
RUN npm run build:web && npm prune --omit=dev && npm cache clean --force
ENV NODE_ENV=production
USER node
EXPOSE 4000
CMD ["node_modules/.bin/tsx", "--max-semi-space-size=32", "gateway/main.ts"]
