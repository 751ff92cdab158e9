# Production-like image: the gateway (and, later, workers) on Node 24.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY core ./core
COPY adapters ./adapters
COPY gateway ./gateway
COPY migrations ./migrations
COPY tsconfig.json ./
USER node
EXPOSE 4000
CMD ["node_modules/.bin/tsx", "gateway/main.ts"]
