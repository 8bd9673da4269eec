# One image for every service of the shop; docker-compose.yml picks the entry point per service.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/runtime/package.json packages/runtime/
COPY gateway/package.json gateway/
COPY subgraphs/user/package.json subgraphs/user/
COPY subgraphs/product/package.json subgraphs/product/
COPY subgraphs/inventory/package.json subgraphs/inventory/
COPY subgraphs/cart/package.json subgraphs/cart/
COPY subgraphs/order/package.json subgraphs/order/
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production HOST=0.0.0.0
USER node
CMD ["node", "--import", "tsx", "gateway/src/index.ts"]
