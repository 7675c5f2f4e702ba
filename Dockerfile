# ChatBot: Slack/Teams -> Keliweb support tickets.
# Build: docker build -t chatbot .
# Run:   docker run -d --stop-timeout 120 -p 8080:8080 -v chatbot-data:/data --env-file chatbot.env chatbot
#        (--stop-timeout: the bot lets an open-ticket in flight finish, up to 110 s; Docker's default 10 s would cut it
#        and turn the ticket uncertain. deploy/compose.yaml sets the same with stop_grace_period.)

# --- build -------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Native AOT links with clang against zlib.
RUN apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore on its own layer: it only reruns when the project or package versions change.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ChatBot/ChatBot.csproj src/ChatBot/
RUN dotnet restore src/ChatBot/ChatBot.csproj
COPY src/ src/
# The same publish .ci/run runs, so CI catches a broken image build. The result is one native binary (PublishAot);
# its debug symbols (ChatBot.dbg) stay out of the image.
RUN dotnet publish src/ChatBot/ChatBot.csproj -c Release -o /app --no-restore \
    && rm -f /app/*.dbg

# --- runtime -----------------------------------------------------------------------------------------------
# A native binary needs no .NET runtime, only its native dependencies (ICU, OpenSSL): the runtime-deps image.
# The .NET 10 images are Ubuntu 24.04 and ship neither curl nor wget; curl is added for the health check.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir /data \
    && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app ./

# SQLite file and Data Protection keys live in /data: keep it on a volume, or stored refresh tokens become unreadable.
# A bind mount instead of a volume must be writable by the app user, UID 1654 ($APP_UID): chown 1654 the folder.
# Downloaded files wait under the system temp folder (/tmp/chatbot-files), which that user can write.
ENV Storage__DataPath=/data \
    ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=
VOLUME /data
EXPOSE 8080

# The image's built-in non-root user.
USER $APP_UID

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1

# Operator commands run in the same image: docker exec -it <container> ./ChatBot accounts list
ENTRYPOINT ["./ChatBot"]
