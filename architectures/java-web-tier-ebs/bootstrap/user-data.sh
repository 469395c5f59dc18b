#!/bin/bash
# Boot script of a java-web-tier-ebs node on Amazon Linux 2023 (or an AMI baked from it).
# cdk/stack.ts replaces each double-braced name with a shell-quoted value; the rest is static.
# cloud-init runs it once per instance, as root. Its output goes to /var/log/oar-bootstrap.log,
# which the CloudWatch agent ships with the other logs.
# shellcheck disable=SC1083 # the double-braced names are replaced before the script runs
set -Eeuo pipefail

JAVA_VERSION={{javaVersion}}
INSTALL_JAVA={{installJava}} # true when amiId is empty
APP_ARTIFACT_URL={{appArtifactUrl}}
APP_PORT={{appPort}}
HEALTH_CHECK_PATH={{healthCheckPath}}
LOG_GROUP={{logGroupName}}
DATA_DEVICE={{dataDeviceName}} # block device mapping name of the gp3 data volume

DATA_DIR=/data
APP_DIR=$DATA_DIR/app
APP_LOG_DIR=$DATA_DIR/log/app
APP_TMP_DIR=$DATA_DIR/tmp
CW_CONFIG=/opt/aws/amazon-cloudwatch-agent/etc/oar.json
BAKED_JAR=/opt/app/app.jar # where a baked AMI keeps the application, used when APP_ARTIFACT_URL is empty

exec > >(tee -a /var/log/oar-bootstrap.log) 2>&1
log() { echo "$(date -u +%FT%TZ) oar-bootstrap: $*"; }
trap 'log "FAILED at line $LINENO: $BASH_COMMAND"' ERR

# Retries a command with a growing pause: package mirrors and S3 fail transiently.
retry() {
  local n=1
  until "$@"; do
    if [ "$n" -ge 5 ]; then return 1; fi
    log "retry $n of 4: $*"
    sleep $((n * 10))
    n=$((n + 1))
  done
}

imds() {
  local token
  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)
  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}

AWS_DEFAULT_REGION=$(imds placement/region)
export AWS_DEFAULT_REGION
log "instance $(imds instance-id) in $(imds placement/availability-zone), AMI $(imds ami-id)"

# --- Data volume -------------------------------------------------------------------------
# Nitro instances expose EBS volumes as NVMe devices. The amazon-ec2-utils udev rules link the
# block device mapping name (/dev/sdf) to the NVMe device; without them, ask each device.
find_data_device() {
  local dev name
  for _ in $(seq 1 60); do
    for dev in "$DATA_DEVICE" "/dev/xvd${DATA_DEVICE#/dev/sd}"; do
      if [ -b "$dev" ]; then readlink -f "$dev" && return 0; fi
    done
    for dev in /dev/nvme*n1; do
      if [ ! -b "$dev" ] || ! command -v ebsnvme-id > /dev/null; then continue; fi
      name=$(ebsnvme-id -b "$dev" 2> /dev/null || true)
      if [ "${name#/dev/}" = "${DATA_DEVICE#/dev/}" ]; then echo "$dev" && return 0; fi
    done
    sleep 2
  done
  return 1
}

data_dev=$(find_data_device) || {
  log "data volume $DATA_DEVICE not found"
  exit 1
}
# The volume is created empty with the instance; format it only if it holds no file system,
# so a reboot keeps its contents.
if ! blkid "$data_dev" > /dev/null 2>&1; then
  log "formatting $data_dev as XFS"
  mkfs.xfs -q -L oar-data "$data_dev"
fi
uuid=$(blkid -s UUID -o value "$data_dev")
mkdir -p "$DATA_DIR"
grep -q "UUID=$uuid" /etc/fstab || echo "UUID=$uuid $DATA_DIR xfs defaults,noatime,nofail 0 2" >> /etc/fstab
systemctl daemon-reload
mountpoint -q "$DATA_DIR" || mount "$DATA_DIR"
log "data volume $data_dev mounted on $DATA_DIR"

# --- Packages ----------------------------------------------------------------------------
packages=(amazon-cloudwatch-agent rsyslog logrotate)
if [ "$INSTALL_JAVA" = true ] || ! command -v java > /dev/null; then
  packages+=("java-$JAVA_VERSION-amazon-corretto-headless")
fi
retry dnf install -y -q "${packages[@]}"
log "java: $(java -version 2>&1 | head -n 1)"
systemctl enable --now rsyslog amazon-ssm-agent

# --- Application -------------------------------------------------------------------------
id app > /dev/null 2>&1 || useradd --system --home-dir "$APP_DIR" --shell /sbin/nologin app
install -d -o app -g app -m 0750 "$APP_DIR" "$APP_LOG_DIR" "$APP_TMP_DIR"

jar=
case "$APP_ARTIFACT_URL" in
  s3://*)
    retry aws s3 cp --only-show-errors "$APP_ARTIFACT_URL" "$APP_DIR/app.jar"
    jar=$APP_DIR/app.jar
    ;;
  https://*)
    retry curl -fsSL -o "$APP_DIR/app.jar" "$APP_ARTIFACT_URL"
    jar=$APP_DIR/app.jar
    ;;
  *) if [ -f "$BAKED_JAR" ]; then jar=$BAKED_JAR; fi ;;
esac

if [ -n "$jar" ]; then
  log "running $jar"
  exec_start="/usr/bin/java -XX:MaxRAMPercentage=70 -Djava.io.tmpdir=$APP_TMP_DIR -jar $jar"
else
  # No artifact yet: a placeholder answers the health check path, so an empty deploy serves.
  cat > "$APP_DIR/placeholder.py" << 'EOF'
"""Placeholder for the Java application until appArtifactUrl is set.

The health check writes and reads a file on the data volume with a short timeout, so a node
whose volume stalls fails its load balancer check instead of hanging in service.
"""
import http.server
import os
import threading
import time

PORT = int(os.environ["APP_PORT"])
HEALTH_PATH = os.environ["HEALTH_CHECK_PATH"]
PROBE = os.path.join(os.environ["PROBE_DIR"], ".health-probe")


def disk_ok(timeout=2.0):
    result = []

    def probe():
        token = str(time.time_ns())
        with open(PROBE, "w") as f:
            f.write(token)
            f.flush()
            os.fsync(f.fileno())
        with open(PROBE) as f:
            result.append(f.read() == token)

    worker = threading.Thread(target=probe, daemon=True)
    worker.start()
    worker.join(timeout)
    return result == [True]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == HEALTH_PATH:
            ok = disk_ok()
            self.reply(200 if ok else 503, '{"status":"UP"}' if ok else '{"status":"DOWN"}')
        elif path == "/":
            self.reply(200, '{"app":"placeholder","hint":"set appArtifactUrl"}')
        else:
            self.reply(404, '{"status":"not found"}')

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


http.server.ThreadingHTTPServer(("", PORT), Handler).serve_forever()
EOF
  exec_start="/usr/bin/python3 -u $APP_DIR/placeholder.py"
fi

mkdir -p /etc/oar
cat > /etc/oar/app.env << EOF
APP_PORT=$APP_PORT
SERVER_PORT=$APP_PORT
HEALTH_CHECK_PATH=$HEALTH_CHECK_PATH
PROBE_DIR=$APP_TMP_DIR
EOF

cat > /etc/systemd/system/oar-app.service << EOF
[Unit]
Description=Java application of the java-web-tier-ebs node
Wants=network-online.target
After=network-online.target
RequiresMountsFor=$DATA_DIR

[Service]
User=app
Group=app
WorkingDirectory=$APP_DIR
EnvironmentFile=/etc/oar/app.env
ExecStart=$exec_start
Restart=always
RestartSec=5
LimitNOFILE=65536
StandardOutput=append:$APP_LOG_DIR/app.log
StandardError=inherit

[Install]
WantedBy=multi-user.target
EOF

cat > /etc/logrotate.d/oar-app << EOF
$APP_LOG_DIR/*.log {
  daily
  rotate 7
  maxsize 500M
  compress
  missingok
  notifempty
  copytruncate
}
EOF

# --- CloudWatch agent --------------------------------------------------------------------
cat > "$CW_CONFIG" << EOF
{
  "agent": { "metrics_collection_interval": 60, "logfile": "/var/log/amazon-cloudwatch-agent.log" },
  "metrics": {
    "append_dimensions": { "AutoScalingGroupName": "\${aws:AutoScalingGroupName}", "InstanceId": "\${aws:InstanceId}" },
    "aggregation_dimensions": [["AutoScalingGroupName"], ["AutoScalingGroupName", "path"]],
    "metrics_collected": {
      "mem": { "measurement": ["mem_used_percent"] },
      "disk": { "measurement": ["used_percent"], "resources": ["/", "$DATA_DIR"], "drop_device": true }
    }
  },
  "logs": {
    "force_flush_interval": 5,
    "logs_collected": {
      "files": {
        "collect_list": [
          { "file_path": "$APP_LOG_DIR/app.log", "log_group_name": "$LOG_GROUP", "log_stream_name": "{instance_id}/app" },
          { "file_path": "/var/log/messages", "log_group_name": "$LOG_GROUP", "log_stream_name": "{instance_id}/messages" },
          { "file_path": "/var/log/secure", "log_group_name": "$LOG_GROUP", "log_stream_name": "{instance_id}/secure" },
          { "file_path": "/var/log/oar-bootstrap.log", "log_group_name": "$LOG_GROUP", "log_stream_name": "{instance_id}/bootstrap" },
          { "file_path": "/var/log/cloud-init-output.log", "log_group_name": "$LOG_GROUP", "log_stream_name": "{instance_id}/cloud-init" }
        ]
      }
    }
  }
}
EOF
/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c "file:$CW_CONFIG"

# --- Start -------------------------------------------------------------------------------
systemctl daemon-reload
systemctl enable --now oar-app

# The load balancer decides whether the node serves; this only records when it first answered.
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$APP_PORT$HEALTH_CHECK_PATH"; then
    log "application answers $HEALTH_CHECK_PATH on port $APP_PORT"
    exit 0
  fi
  sleep 5
done
log "application did not answer $HEALTH_CHECK_PATH within 5 minutes; the load balancer will mark the node unhealthy"
