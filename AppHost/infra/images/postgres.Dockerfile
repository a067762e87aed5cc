# PostgreSQL from Debian's packages, started by the same launcher as a local process (infra/postgres.sh):
#   docker run --network host IMAGE DATA_DIR PORT   (with POSTGRES_PASSWORD set)
FROM ticketing/debian:bookworm
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql postgresql-contrib \
 && rm -rf /var/lib/apt/lists/*
COPY common.sh postgres.sh /opt/ticketing/infra/
STOPSIGNAL SIGINT
ENTRYPOINT ["/opt/ticketing/infra/postgres.sh"]
