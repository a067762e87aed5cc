# RabbitMQ (with its management plugin) from Debian's packages, started by the same launcher as a local process
# (infra/rabbitmq.sh): docker run --network host IMAGE DATA_DIR AMQP_PORT [MANAGEMENT_PORT]
FROM ticketing/debian:bookworm
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends rabbitmq-server \
 && rm -rf /var/lib/apt/lists/*
COPY common.sh rabbitmq.sh /opt/ticketing/infra/
ENTRYPOINT ["/opt/ticketing/infra/rabbitmq.sh"]
