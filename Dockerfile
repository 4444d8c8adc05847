# Candor: build the jar with Maven, run it on a JRE as a non-root user.
#   docker build -t candor .
#   docker run -p 3000:3000 -v candor-data:/data \
#     -e SLACK_BOT_TOKEN=xoxb-… -e SLACK_SIGNING_SECRET=… candor

# --- build ---------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so editing the code does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

# --- run -----------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system candor \
 && useradd --system --gid candor --home-dir /data --no-create-home --shell /usr/sbin/nologin candor \
 && mkdir -p /app /data \
 && chown candor:candor /data \
 && printf '#!/bin/sh\nexec java $JAVA_OPTS -jar /app/candor.jar "$@"\n' > /usr/local/bin/candor \
 && chmod 0755 /usr/local/bin/candor
COPY --from=build /src/target/candor.jar /app/candor.jar

# The SQLite database (and its WAL files) live here; keep it on a volume on local disk.
VOLUME ["/data"]
ENV DATABASE_URL=jdbc:sqlite:/data/candor.db PORT=3000
EXPOSE 3000
WORKDIR /app
USER candor

# JRE images have no curl: `candor healthcheck` asks the server's /healthz on $PORT.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["candor", "healthcheck"]
ENTRYPOINT ["candor"]
CMD ["serve"]
