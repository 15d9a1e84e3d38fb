# keywardd in a container. Build: docker build -t keyward . (docker-compose.yml does it).
# The HTTP/JSON gateway, serving the portal at /, is the `gateway` target:
#   docker build --target gateway -t keyward-gateway .

FROM debian:bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config \
      libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler \
      libpqxx-dev libcpp-httplib-dev nlohmann-json3-dev libssl-dev \
      prometheus-cpp-dev \
      libgtest-dev libgmock-dev googletest \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build --target keywardd

# keyward-gateway: Go code generated from proto/ by the plugins gateway/go.mod pins.
FROM golang:1.26-bookworm AS gateway-build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      protobuf-compiler libprotobuf-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY proto proto
COPY gateway gateway
COPY scripts/lib scripts/lib
RUN bash -c 'source scripts/lib/deps.sh && source scripts/lib/gateway.sh \
 && generate_gateway_sources && build_gateway /out'

# The portal (web/dist). Its typed client is generated from the OpenAPI
# document the gateway's build wrote; Vite 8 needs Node.js >= 20.19.
FROM node:22-bookworm-slim AS portal-build
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
COPY web ./
COPY --from=gateway-build /src/gateway/internal/openapi/keyward.openapi.json \
     /src/gateway/internal/openapi/keyward.openapi.json
RUN npm run build

FROM debian:bookworm-slim AS gateway
RUN useradd --system --uid 10002 --no-create-home --shell /usr/sbin/nologin keyward-gateway
COPY --from=gateway-build /out/keyward-gateway /usr/local/bin/keyward-gateway
COPY --from=portal-build /src/web/dist /usr/share/keyward/portal
ENV KEYWARD_PORTAL_DIR=/usr/share/keyward/portal
USER keyward-gateway
EXPOSE 8080
ENTRYPOINT ["keyward-gateway"]

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libgrpc++1.51 libprotobuf32 libpqxx-6.4 libssl3 ca-certificates \
      libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin keyward
COPY --from=build /src/build/bin/keywardd /usr/local/bin/keywardd
USER keyward
EXPOSE 50051 9464
ENTRYPOINT ["keywardd"]
CMD ["serve"]
