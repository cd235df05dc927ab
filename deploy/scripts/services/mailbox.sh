#!/usr/bin/env bash
# A real mailbox for the tests of replies by e-mail: postfix accepts mail for the domain owf.test by
# SMTP on 127.0.0.1:2525 and hands it by LMTP to dovecot, which keeps it in Maildir folders and
# serves them by IMAP on 127.0.0.1:1143. Every address of owf.test is a mailbox of its own (a test
# takes a fresh one), and every mailbox signs in with the one password printed below.
#   start  installs dovecot and postfix (apt) when missing, writes their private configuration
#          under /tmp/onboarding-test-mailbox-PORT (nothing under /etc is used or changed), starts both,
#          waits until both answer and prints the export lines the tests read on stdout (everything
#          else goes to stderr). Running it again while both answer only prints them.
#   stop   stops both and removes the mail.
# Overrides: ONBOARDING_MAILBOX_SMTP_PORT (2525), ONBOARDING_MAILBOX_IMAP_PORT (1143),
# ONBOARDING_MAILBOX_LMTP_PORT (2424).
set -euo pipefail

action=${1:-start}
smtp_port=${ONBOARDING_MAILBOX_SMTP_PORT:-2525}
imap_port=${ONBOARDING_MAILBOX_IMAP_PORT:-1143}
lmtp_port=${ONBOARDING_MAILBOX_LMTP_PORT:-2424}
# Outside the checkout: dovecot stores mail as "nobody", who must be able to reach the folder.
run=/tmp/onboarding-test-mailbox-$imap_port
domain=owf.test
# Not a secret: a test mailbox on the loopback interface, emptied on stop.
password=mailbox-test-pass

log() { echo "mailbox: $*" >&2; }

print_exports() {
  echo "export ONBOARDING_TEST_MAILBOX_HOST=127.0.0.1"
  echo "export ONBOARDING_TEST_MAILBOX_SMTP_PORT=$smtp_port"
  echo "export ONBOARDING_TEST_MAILBOX_IMAP_PORT=$imap_port"
  echo "export ONBOARDING_TEST_MAILBOX_DOMAIN=$domain"
  echo "export ONBOARDING_TEST_MAILBOX_PASSWORD=$password"
}

answers() {
  # Both greet: "* OK" from IMAP, "220" from SMTP.
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$imap_port && head -c 4 <&3 | grep -q '^\* OK'" 2>/dev/null &&
    timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$smtp_port && head -c 3 <&3 | grep -q '^220'" 2>/dev/null
}

install() {
  if command -v dovecot >/dev/null && [ -x /usr/lib/dovecot/lmtp ] && command -v postfix >/dev/null; then
    return 0
  fi
  command -v apt-get >/dev/null || { log "dovecot and postfix are missing and apt-get is not available"; return 1; }
  log "installing dovecot and postfix"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  # The packages' own services stay stopped: only the private instances below run.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-imapd dovecot-lmtpd postfix >&2 ||
    { $sudo apt-get update -q >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-imapd dovecot-lmtpd postfix >&2; }
}

write_dovecot_config() {
  mkdir -p "$run/dovecot/base" "$run/dovecot/state" "$run/mail"
  chown nobody:nogroup "$run/mail"
  cat >"$run/dovecot/dovecot.conf" <<EOF
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $run/dovecot/base
state_dir = $run/dovecot/state
instance_name = onboarding-test-mailbox
log_path = $run/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$run/mail/%d/%n
first_valid_uid = 1
mail_privileged_group =
lmtp_save_to_detail_mailbox = no
passdb {
  driver = static
  args = password=$password
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$run/mail/%d/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $lmtp_port
  }
}
namespace inbox {
  inbox = yes
  separator = /
}
EOF
}

write_postfix_config() {
  mkdir -p "$run/postfix/conf" "$run/postfix/queue" "$run/postfix/data"
  chown postfix "$run/postfix/data"
  cat >"$run/postfix/conf/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $run/postfix/queue
data_directory = $run/postfix/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.$domain
mydomain = $domain
myorigin = $domain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = reject_unauth_destination
virtual_mailbox_domains = $domain
virtual_transport = lmtp:inet:127.0.0.1:$lmtp_port
alias_maps =
alias_database =
local_recipient_maps =
relayhost =
smtputf8_enable = yes
maillog_file = $run/postfix.log
maillog_file_prefixes = $run
message_size_limit = 10240000
EOF
  # The services postfix needs to receive by SMTP and deliver by LMTP, none chrooted.
  cat >"$run/postfix/conf/master.cf" <<EOF
127.0.0.1:$smtp_port inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

start() {
  if answers; then
    log "already answering on SMTP 127.0.0.1:$smtp_port and IMAP 127.0.0.1:$imap_port"
    print_exports
    return 0
  fi

  install
  stop >/dev/null 2>&1 || true
  write_dovecot_config
  write_postfix_config
  # The daemons get no handle on this script's output, so whoever reads it sees its end.
  dovecot -c "$run/dovecot/dovecot.conf" </dev/null >>"$run/start.log" 2>&1
  postfix -c "$run/postfix/conf" set-permissions </dev/null >>"$run/start.log" 2>&1 || true
  postfix -c "$run/postfix/conf" start </dev/null >>"$run/start.log" 2>&1

  local i
  for i in $(seq 1 60); do
    if answers; then
      log "started: SMTP 127.0.0.1:$smtp_port (postfix) delivers $domain to IMAP 127.0.0.1:$imap_port (dovecot)"
      print_exports
      return 0
    fi
    sleep 0.5
  done

  log "did not answer; the logs:"
  cat "$run/start.log" "$run/dovecot.log" "$run/postfix.log" >&2 2>/dev/null || true
  stop
  return 1
}

# Sends the daemon whose pid file is given a TERM, then waits for it to go (KILL after 5 s).
end_pid() {
  local pid i
  [ -f "$1" ] || return 0
  pid=$(tr -dc '0-9' <"$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  if [ -f "$run/postfix/conf/main.cf" ]; then
    postfix -c "$run/postfix/conf" stop </dev/null >/dev/null 2>&1 || true
  fi
  end_pid "$run/postfix/queue/pid/master.pid"
  end_pid "$run/dovecot/base/master.pid"
  log "stopped"
  rm -rf "$run"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: mailbox.sh start|stop" >&2; exit 64 ;;
esac
