# Redis from Debian's packages, started by the same launcher as a local process (infra/redis.sh):
#   docker run --network host IMAGE DATA_DIR PORT [PERSIST]
FROM ticketing/debian:bookworm
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/*
COPY common.sh redis.sh /opt/ticketing/infra/
ENTRYPOINT ["/opt/ticketing/infra/redis.sh"]
