#!/bin/bash
# Boot script of a java-web-tier-instance-store node on Amazon Linux 2023 (or an AMI baked
# from it). cdk/stack.ts replaces each double-braced name with a shell-quoted value.
#
# At launch (cloud-init, once per instance) and again at every later boot it:
#   1. formats the NVMe instance store and moves the writable paths onto it,
#   2. fetches the Puppet code: a shallow git clone of the config repository, or the sample
#      code shipped with the stack as an S3 asset,
#   3. runs masterless puppet apply of role::<puppetRole>,
#   4. checks the health check path locally,
#   5. completes the launch lifecycle action: CONTINUE, or ABANDON on any failure or timeout.
# A failure at a later boot marks the node unhealthy, and the group replaces it.
# shellcheck disable=SC1083 # the double-braced names are replaced before the script runs
set -Eeuo pipefail

CONFIG_REPO_URL={{configRepoUrl}}
CONFIG_REPO_BRANCH={{configRepoBranch}}
CONFIG_REPO_SECRET={{configRepoCredentialsSecretName}}
CONFIG_BUNDLE_S3_URL={{configBundleS3Url}} # sample code asset; empty when CONFIG_REPO_URL is set
PUPPET_ROLE={{puppetRole}}
JAVA_VERSION={{javaVersion}}
APP_ARTIFACT_URL={{appArtifactUrl}}
APP_PORT={{appPort}}
HEALTH_CHECK_PATH={{healthCheckPath}}
LOG_GROUP={{logGroupName}}
ASG_NAME={{autoScalingGroupName}}
LIFECYCLE_HOOK={{lifecycleHookName}}
BOOTSTRAP_TIMEOUT={{bootstrapTimeoutSeconds}}

MODE=${1:-launch} # launch: first boot, from cloud-init; reboot: from the per-boot hook
INSTANCE_STORE=/mnt/instance-store
STATE=/var/lib/oar # on the instance store once it is mounted
CHECKOUT=$STATE/config
PUPPET=/opt/puppetlabs/bin/puppet

log() { echo "$(date -u +%FT%TZ) oar-bootstrap[$MODE]: $*"; }

imds() {
  local token
  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)
  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}
INSTANCE_ID=$(imds instance-id)
AWS_DEFAULT_REGION=$(imds placement/region)
export AWS_DEFAULT_REGION

retry() {
  local n=1
  until "$@"; do
    if [ "$n" -ge 5 ]; then return 1; fi
    log "retry $n of 4: $*"
    sleep $((n * 5))
    n=$((n + 1))
  done
}

lifecycle() {
  aws autoscaling complete-lifecycle-action --lifecycle-action-result "$1" --instance-id "$INSTANCE_ID" \
    --lifecycle-hook-name "$LIFECYCLE_HOOK" --auto-scaling-group-name "$ASG_NAME"
}

# Fail closed: a node that cannot configure itself never takes traffic. At launch the hook
# abandons it; after a reboot the group replaces it. Either way it first reports the failure
# as the BootstrapFailed metric, which the stack's BootstrapFailures alarm watches.
give_up() {
  aws cloudwatch put-metric-data --namespace CWAgent --metric-name BootstrapFailed --unit Count --value 1 \
    --dimensions "AutoScalingGroupName=$ASG_NAME" || log "could not publish the BootstrapFailed metric"
  if [ "$MODE" = launch ]; then
    retry lifecycle ABANDON || log "could not abandon; the hook times out with ABANDON"
  else
    aws autoscaling set-instance-health --instance-id "$INSTANCE_ID" --health-status Unhealthy ||
      log "could not mark the node unhealthy"
  fi
}
fail() {
  trap - ERR
  log "FAILED: $*"
  give_up
  exit 1
}
trap 'fail "line $LINENO: $BASH_COMMAND"' ERR

# --- 1. Instance store ----------------------------------------------------------------------
# Install this script for later boots, and the early-boot unit that rebuilds the instance
# store before any service writes to /var/log. Both live on the read-mostly root volume.
if [ "$MODE" = launch ]; then
  install -m 0700 "$0" /usr/local/sbin/oar-bootstrap
  install -d /var/lib/cloud/scripts/per-boot
  printf '#!/bin/bash\nexec /usr/local/sbin/oar-bootstrap reboot\n' > /var/lib/cloud/scripts/per-boot/oar-bootstrap
  chmod 0700 /var/lib/cloud/scripts/per-boot/oar-bootstrap

  cat > /usr/local/sbin/oar-instance-store << 'EOF'
#!/bin/bash
# Formats the NVMe instance store (RAID 0 over several devices) and bind-mounts the writable
# paths onto it. Anything there is lost on stop, host failure and, by design, every reboot.
set -euo pipefail
MNT=/mnt/instance-store
PATHS=(/var/log /var/tmp /var/cache /var/lib/oar /opt/oar /tmp)
if mountpoint -q "$MNT"; then exit 0; fi
devices=()
for _ in $(seq 1 30); do
  mapfile -t devices < <(lsblk -dnpo NAME,MODEL | awk '/Amazon EC2 NVMe Instance Storage/ {print $1}')
  if [ "${#devices[@]}" -gt 0 ]; then break; fi
  sleep 1
done
if [ "${#devices[@]}" -eq 0 ]; then
  echo "oar-instance-store: no NVMe instance store; choose an instance type with local disks" >&2
  exit 1
fi
dev=${devices[0]}
if [ "${#devices[@]}" -gt 1 ]; then
  mdadm --stop --scan || true
  mdadm --create /dev/md/oar-instance-store --run --force --level=0 --raid-devices="${#devices[@]}" "${devices[@]}"
  dev=/dev/md/oar-instance-store
fi
mkfs.xfs -f -K -q -L oar-scratch "$dev"
mkdir -p "$MNT"
mount -o noatime "$dev" "$MNT"
for path in "${PATHS[@]}"; do
  mkdir -p "$path" "$MNT$path"
  # Log directories keep the layout packages created; temporary files and caches start empty.
  if [ "$path" = /var/log ]; then cp -a "$path/." "$MNT$path/" || echo "oar-instance-store: partial copy of $path" >&2; fi
  chown --reference="$path" "$MNT$path"
  chmod --reference="$path" "$MNT$path"
  mount --bind "$MNT$path" "$path"
done
if command -v restorecon > /dev/null; then restorecon -R "$MNT" || true; fi
echo "oar-instance-store: ${devices[*]} on $MNT, holding ${PATHS[*]}"
EOF
  chmod 0755 /usr/local/sbin/oar-instance-store

  cat > /etc/systemd/system/oar-instance-store.service << 'EOF'
[Unit]
Description=Format the NVMe instance store and move writable paths onto it
DefaultDependencies=no
After=local-fs-pre.target systemd-udevd.service tmp.mount
Before=local-fs.target systemd-journal-flush.service shutdown.target
Conflicts=shutdown.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/sbin/oar-instance-store

[Install]
WantedBy=local-fs.target
EOF
  # journald keeps its journal in memory; rsyslog writes the files that get shipped.
  mkdir -p /etc/systemd/journald.conf.d
  printf '[Journal]\nStorage=volatile\nRuntimeMaxUse=128M\n' > /etc/systemd/journald.conf.d/50-oar-volatile.conf
  systemctl restart systemd-journald
  if [ "$(lsblk -dnpo NAME,MODEL | grep -c 'Instance Storage')" -gt 1 ] && ! command -v mdadm > /dev/null; then
    retry dnf install -y -q mdadm
  fi
  systemctl daemon-reload
  systemctl enable oar-instance-store.service
fi
/usr/local/sbin/oar-instance-store
if [ "$MODE" = launch ]; then
  # Processes started before the move still write to the root volume; reopen their logs.
  for unit in rsyslog amazon-ssm-agent amazon-cloudwatch-agent; do systemctl try-restart "$unit" 2> /dev/null || true; done
  if command -v auditctl > /dev/null; then auditctl --signal rotate > /dev/null 2>&1 || true; fi
fi
mkdir -p /var/log/oar "$STATE"
exec > >(tee -a /var/log/oar/bootstrap.log > /dev/console) 2>&1
log "instance $INSTANCE_ID in $(imds placement/availability-zone), AMI $(imds ami-id), group $ASG_NAME"

# The lifecycle hook abandons the node BOOTSTRAP_TIMEOUT seconds after launch; give up a
# little earlier, with a clear log line. A reboot gets the same budget.
budget=$((BOOTSTRAP_TIMEOUT - $(cut -d. -f1 /proc/uptime) - 30))
if [ "$budget" -lt 60 ]; then budget=60; fi
(
  trap - ERR
  sleep "$budget"
  log "FAILED: bootstrap did not finish within bootstrapTimeoutSeconds ($BOOTSTRAP_TIMEOUT s)"
  give_up
  kill -TERM $$
) &
watchdog=$!

# --- 2. Configuration code --------------------------------------------------------------------
if [ ! -x "$PUPPET" ]; then
  log "installing the OpenVox agent"
  retry dnf install -y -q https://yum.voxpupuli.org/openvox8-release-amazon-2023.noarch.rpm
  retry dnf install -y -q openvox-agent
fi
rm -rf "$CHECKOUT"
if [ -n "$CONFIG_REPO_URL" ]; then
  command -v git > /dev/null || retry dnf install -y -q git-core
  export GIT_TERMINAL_PROMPT=0
  if [ -n "$CONFIG_REPO_SECRET" ]; then
    # The read-only credential stays in memory (/run is tmpfs) and is removed after the clone.
    creds=$(mktemp -d /run/oar-git.XXXXXX)
    aws secretsmanager get-secret-value --secret-id "$CONFIG_REPO_SECRET" --query SecretString --output text |
      python3 -c '
import json, os, sys
d, raw = sys.argv[1], sys.stdin.read().strip()
def put(name, value):
    with os.fdopen(os.open(os.path.join(d, name), os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write(value.rstrip("\n") + "\n")
try:
    doc = json.loads(raw)
except ValueError:
    doc = None
if isinstance(doc, dict) and doc.get("sshPrivateKey"):
    put("ssh_key", doc["sshPrivateKey"])
    if doc.get("knownHosts"):
        put("known_hosts", doc["knownHosts"])
elif isinstance(doc, dict) and doc.get("password"):
    put("username", doc.get("username") or "x-access-token")
    put("password", doc["password"])
elif raw.startswith("-----BEGIN"):
    put("ssh_key", raw)
else:
    put("username", "x-access-token")
    put("password", raw)
' "$creds"
    if [ -f "$creds/ssh_key" ]; then
      checking=accept-new
      if [ -f "$creds/known_hosts" ]; then checking=yes; else log "no knownHosts in the secret: trusting the host key on first use"; fi
      export GIT_SSH_COMMAND="ssh -i $creds/ssh_key -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=$checking -o UserKnownHostsFile=$creds/known_hosts"
    else
      # shellcheck disable=SC2016 # $1 belongs to the askpass script
      printf '#!/bin/sh\ncase "$1" in Username*) cat %s/username ;; *) cat %s/password ;; esac\n' "$creds" "$creds" > "$creds/askpass"
      chmod 0700 "$creds/askpass"
      export GIT_ASKPASS=$creds/askpass
    fi
  fi
  clone() {
    rm -rf "$CHECKOUT"
    git clone --quiet --depth 1 --single-branch --branch "$CONFIG_REPO_BRANCH" "$CONFIG_REPO_URL" "$CHECKOUT"
  }
  log "cloning $CONFIG_REPO_URL at $CONFIG_REPO_BRANCH"
  retry clone
  rm -rf "${creds:-/nonexistent}"
  unset GIT_SSH_COMMAND GIT_ASKPASS
  log "configuration commit $(git -C "$CHECKOUT" rev-parse HEAD)"
else
  log "using the sample configuration shipped with the stack: $CONFIG_BUNDLE_S3_URL"
  retry aws s3 cp --only-show-errors "$CONFIG_BUNDLE_S3_URL" "$STATE/config.zip"
  python3 -m zipfile -e "$STATE/config.zip" "$CHECKOUT"
  rm -f "$STATE/config.zip"
fi

# --- 3. puppet apply ----------------------------------------------------------------------------
export FACTER_oar_role=$PUPPET_ROLE FACTER_oar_java_version=$JAVA_VERSION
export FACTER_oar_app_artifact_url=$APP_ARTIFACT_URL FACTER_oar_app_port=$APP_PORT
export FACTER_oar_health_check_path=$HEALTH_CHECK_PATH FACTER_oar_log_group=$LOG_GROUP
export FACTER_oar_instance_store=$INSTANCE_STORE FACTER_oar_region=$AWS_DEFAULT_REGION
args=(apply --detailed-exitcodes --write-catalog-summary --color=false --vardir "$STATE/puppet" --modulepath "$CHECKOUT/site:$CHECKOUT/modules")
if [ -f "$CHECKOUT/hiera.yaml" ]; then args+=(--hiera_config "$CHECKOUT/hiera.yaml"); fi
if [ -f "$CHECKOUT/manifests/site.pp" ]; then
  args+=("$CHECKOUT/manifests/site.pp")
else
  args+=(-e "include role::$PUPPET_ROLE")
fi
log "puppet ${args[*]}"
status=0
"$PUPPET" "${args[@]}" || status=$?
# --detailed-exitcodes: 0 nothing changed, 2 changes applied, 4 or 6 failures.
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then fail "puppet apply exited with $status"; fi
grep -qx "role::$PUPPET_ROLE" "$STATE/puppet/state/classes.txt" ||
  fail "role::$PUPPET_ROLE was not in the catalog; manifests/site.pp must include it (see the oar_role fact)"

# --- 4. Local health check and JVM warm-up --------------------------------------------------
url="http://127.0.0.1:$APP_PORT$HEALTH_CHECK_PATH"
until curl -fsS -o /dev/null --max-time 5 "$url"; do
  log "waiting for $url"
  sleep 5
done
for _ in $(seq 1 20); do curl -fsS -o /dev/null --max-time 5 "$url" || true; done
curl -fsS -o /dev/null --max-time 5 "$url" || fail "$url failed after the warm-up"
log "healthy: $url"

# --- 5. Into service --------------------------------------------------------------------------
kill "$watchdog" 2> /dev/null || true
if [ "$MODE" = launch ]; then
  retry lifecycle CONTINUE
  log "lifecycle action completed with CONTINUE"
fi
