#!/usr/bin/env bash
# Install or update Loa on a Debian 12 / Ubuntu 22.04+ server. Safe to run again: nothing that
# exists is replaced (the settings you edited, the generated secrets, the database); an upgrade
# is `git pull` followed by this script. See docs/deploy.md.
#
#   sudo /opt/loa/deploy/install.sh --domain loa.syt.example.vn            # one process
#   sudo /opt/loa/deploy/install.sh --domain loa.syt.example.vn --processes 2   # loa@8081, loa@8082
#
# DESTDIR=/some/dir runs it staged (the test suite does): files are written under that folder and
# nothing is done to the system (no packages, user, database, services, ownership).
set -euo pipefail

usage() {
    cat <<'EOF'
Cài hoặc cập nhật Loa trên máy chủ Debian 12 / Ubuntu 22.04 trở lên (chạy lại không hại gì).

  sudo /opt/loa/deploy/install.sh --domain TÊN_MIỀN [--processes N] [--port CỔNG]

  --domain       tên miền công khai của Loa, ví dụ loa.syt.example.vn (lần sau có thể bỏ)
  --processes N  số tiến trình Loa trên máy này (mặc định 1: loa.service; 2 trở lên: loa@CỔNG)
  --port CỔNG    cổng của tiến trình đầu tiên khi có nhiều tiến trình (mặc định 8081)

Hướng dẫn đầy đủ: /opt/loa/docs/deploy.md
EOF
}

DOMAIN=""
PROCESSES=""
PORT=""
while [ $# -gt 0 ]; do
    case "$1" in
        --domain) DOMAIN="${2:-}"; shift 2 ;;
        --processes) PROCESSES="${2:-}"; shift 2 ;;
        --port) PORT="${2:-}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "Không hiểu tham số: $1 (xem --help)" >&2; exit 2 ;;
    esac
done

R="${DESTDIR:-}"
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP=/opt/loa
ETC=/etc/loa
DATA=/var/lib/loa
ENV_FILE="$ETC/loa.env"
UNITS=/etc/systemd/system
cd /  # runuser -u postgres … would complain about root's home folder

say() { printf '• %s\n' "$*"; }
die() { printf 'Lỗi: %s\n' "$*" >&2; exit 2; }
staged() { [ -n "$R" ]; }
# A step that changes the system itself: skipped in a staged install.
system() {
    if staged; then say "(cài thử, bỏ qua: $*)"; else "$@"; fi
}
as_loa() { runuser -u loa -- "$@"; }

if ! staged && [ "$(id -u)" != 0 ]; then
    die "chạy bằng quyền root: sudo $0 $*"
fi
# How many processes, and from which port: given now, or as chosen at the last run (an upgrade
# runs this script without arguments and must keep the layout).
LAYOUT="$R$ETC/install.env"
if [ -z "$PROCESSES" ] && [ -f "$LAYOUT" ]; then
    PROCESSES=$(sed -n 's/^PROCESSES=//p' "$LAYOUT")
    [ -n "$PORT" ] || PORT=$(sed -n 's/^PORT=//p' "$LAYOUT")
fi
PROCESSES=${PROCESSES:-1}
case "$PROCESSES" in
    [1-9]) ;;
    *) die "--processes là số tiến trình từ 1 đến 9 (đang là '$PROCESSES')" ;;
esac
if [ -z "$PORT" ]; then
    PORT=$([ "$PROCESSES" = 1 ] && echo 8080 || echo 8081)
fi
case "$PORT" in
    ''|*[!0-9]*) die "--port là số cổng (đang là '$PORT')" ;;
esac

# The hostname: given now, or the one written at the first install.
env_value() { # KEY: its value in loa.env, empty when absent
    [ -f "$R$ENV_FILE" ] && sed -n "s/^$1=//p" "$R$ENV_FILE" | tail -n 1 || true
}
if [ -z "$DOMAIN" ]; then
    DOMAIN=$(env_value LOA_PUBLIC_URL | sed 's|^https://||; s|/.*||')
fi
[ -n "$DOMAIN" ] || die "lần cài đầu tiên cần --domain TÊN_MIỀN (ví dụ --domain loa.syt.example.vn)"
if ! printf '%s' "$DOMAIN" | grep -Eq '^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$'; then
    die "--domain là một tên miền, ví dụ loa.syt.example.vn (đang là '$DOMAIN')"
fi
PUBLIC="https://$DOMAIN"
if [ "$PROCESSES" = 1 ] && [ "$PORT" != 8080 ]; then
    die "một tiến trình dùng cổng 8080 (--port chỉ dùng với --processes 2 trở lên)"
fi
PORTS=$(seq "$PORT" $((PORT + PROCESSES - 1)) | tr '\n' ' ' | sed 's/ $//')

# -- 1. packages ---------------------------------------------------------------------------------
PACKAGES=(git python3 python3-venv postgresql caddy tesseract-ocr tesseract-ocr-vie)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "cài gói: ${missing[*]}"
    if ! staged && ! apt-cache show caddy >/dev/null 2>&1; then
        die "kho gói của máy này không có caddy (Ubuntu 22.04): thêm kho của Caddy theo
https://caddyserver.com/docs/install#debian-ubuntu-raspbian rồi chạy lại"
    fi
    system apt-get update -qq
    system env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
# Ubuntu 22.04's python3 is 3.10; Loa needs 3.11 or newer.
PYTHON=python3
if ! staged && ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    say "python3 quá cũ: cài python3.11"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11 python3.11-venv
    PYTHON=python3.11
fi

# -- 2. the loa user -----------------------------------------------------------------------------
if ! staged && ! id -u loa >/dev/null 2>&1; then
    say "tạo người dùng hệ thống loa"
    useradd --system --user-group --home-dir "$DATA" --shell /usr/sbin/nologin loa
fi

# -- 3. the code and its venv under /opt/loa ----------------------------------------------------
if [ "$SRC" != "$R$APP" ]; then
    if [ -d "$R$APP/.git" ]; then
        say "mã nguồn đã có ở $APP (nâng cấp: git -C $APP pull rồi chạy lại $APP/deploy/install.sh)"
    elif [ -e "$R$APP" ] && [ -n "$(ls -A "$R$APP" 2>/dev/null)" ]; then
        die "$APP đã có và không phải bản sao git của Loa"
    else
        say "chép mã nguồn vào $APP"
        system git clone --quiet "$SRC" "$APP"
    fi
fi
if ! staged; then
    if [ ! -x "$APP/.venv/bin/python" ]; then
        say "tạo môi trường Python $APP/.venv"
        "$PYTHON" -m venv "$APP/.venv"
    fi
    say "cài các thư viện của Loa (vài phút lần đầu)"
    "$APP/.venv/bin/pip" install --quiet --upgrade pip
    # Editable: after `git pull` a restart runs the new code; this step adds new libraries.
    "$APP/.venv/bin/pip" install --quiet -e "$APP"
    # The service cannot write under /opt (ProtectSystem=strict): compile the code now.
    "$APP/.venv/bin/python" -m compileall -q "$APP/bot" "$APP/handlers" "$APP/schedules" >/dev/null
fi

# -- 4. folders ----------------------------------------------------------------------------------
mkdir -p "$R$ETC" "$R$DATA/photos" "$R$DATA/backups"
chmod 0750 "$R$ETC"
chmod 0700 "$R$DATA" "$R$DATA/photos" "$R$DATA/backups"
system chown root:loa "$ETC"
system chown -R loa:loa "$DATA"

printf '# Written by deploy/install.sh: the layout its next run keeps.\nPROCESSES=%s\nPORT=%s\n' \
    "$PROCESSES" "$PORT" > "$LAYOUT"

# -- 5. /etc/loa/config.toml: written once, then yours to edit -----------------------------------
if [ ! -f "$R$ETC/config.toml" ]; then
    say "viết $ETC/config.toml"
    sed -e 's|^database_url = .*|database_url = "postgresql+asyncpg://loa@/loa?host=/run/postgresql"|' \
        -e 's|^storage_dir = .*|storage_dir = "/var/lib/loa/photos"|' \
        -e 's|^messages_dir = .*|messages_dir = "/opt/loa/messages"|' \
        -e 's|^listen = .*|listen = "127.0.0.1"|' \
        "$SRC/config.toml" > "$R$ETC/config.toml.new"
    # The demo's database (a second database_url line, in [demo]) stays a file under /var/lib/loa.
    awk '/^\[demo\]/{d=1} d && /^database_url/{print "database_url = \"sqlite+aiosqlite:////var/lib/loa/demo.sqlite3\""; next} {print}' \
        "$R$ETC/config.toml.new" > "$R$ETC/config.toml.tmp"
    {
        echo "# Loa on this server (written by deploy/install.sh from the checkout's config.toml):"
        echo "# PostgreSQL through its local socket as the system user loa (no password), data under"
        echo "# /var/lib/loa, the HTTP server on 127.0.0.1 only (Caddy is the public side)."
        cat "$R$ETC/config.toml.tmp"
    } > "$R$ETC/config.toml.new"
    rm -f "$R$ETC/config.toml.tmp"
    chmod 0640 "$R$ETC/config.toml.new"
    mv "$R$ETC/config.toml.new" "$R$ETC/config.toml"
fi
system chown root:loa "$ETC/config.toml"

# -- 6. /etc/loa/loa.env: secrets, generated once, mode 0600 -------------------------------------
secret() { "$PYTHON" -c 'import secrets; print(secrets.token_hex(32))'; }
umask 077
if [ ! -f "$R$ENV_FILE" ]; then
    say "viết $ENV_FILE (0600)"
    cat > "$R$ENV_FILE" <<'EOF'
# Loa's secrets and deployment values, read by systemd (EnvironmentFile) and by /usr/local/bin/loa.
# One KEY=value a line, no quotes, no spaces. Mode 0600, owner root. Keys are explained in
# docs/deploy.md; after a change: systemctl restart loa (or loa@*).
EOF
fi
chmod 0600 "$R$ENV_FILE"
ensure() { # KEY VALUE [COMMENT]: added when absent, never changed
    if ! grep -q "^$1=" "$R$ENV_FILE"; then
        [ -n "${3:-}" ] && printf '\n# %s\n' "$3" >> "$R$ENV_FILE"
        printf '%s=%s\n' "$1" "$2" >> "$R$ENV_FILE"
        say "$ENV_FILE: thêm $1"
    fi
}
set_url() { # KEY VALUE: a public address follows the hostname given with --domain
    if [ "$(env_value "$1")" != "$2" ] && grep -q "^$1=" "$R$ENV_FILE"; then
        sed -i "s|^$1=.*|$1=$2|" "$R$ENV_FILE"
        say "$ENV_FILE: $1=$2"
    fi
}
ensure LOA_PUBLIC_URL "$PUBLIC" "Where platforms and browsers reach Loa (Caddy's hostname)."
ensure LOA_SECRET_KEY "$(secret)" "Signs photo links and web sessions; the same in every process. Never change it."
ensure TELEGRAM_BOT_TOKEN "" "From @BotFather (empty: no Telegram)."
ensure TELEGRAM_WEBHOOK_URL "$PUBLIC/telegram/hook" "Webhook mode: Telegram pushes to Caddy, which forwards to Loa."
ensure TELEGRAM_WEBHOOK_SECRET "$(secret)"
ensure ZALO_BOT_TOKEN "" "From Zalo Bot Creator (empty: no Zalo)."
ensure ZALO_WEBHOOK_URL "$PUBLIC/zalo/hook" "Webhook mode (Zalo's advice for production; without it Loa long-polls)."
ensure ZALO_WEBHOOK_SECRET "$(secret)"
set_url LOA_PUBLIC_URL "$PUBLIC"
set_url TELEGRAM_WEBHOOK_URL "$PUBLIC/telegram/hook"
set_url ZALO_WEBHOOK_URL "$PUBLIC/zalo/hook"
system chown root:root "$ENV_FILE"
umask 022

# -- 7. the loa command for the operator: as user loa, with the service's settings --------------
mkdir -p "$R/usr/local/bin"
cat > "$R/usr/local/bin/loa.new" <<EOF
#!/bin/sh
# The loa command as the service runs it (user loa, $ETC/config.toml, $ENV_FILE); run as root.
# Written by deploy/install.sh.
set -e
[ "\$(id -u)" = 0 ] || { echo "Dùng: sudo loa \$*" >&2; exit 2; }
set -a
. $ENV_FILE
set +a
export LOA_CONFIG=$ETC/config.toml
cd $DATA
exec runuser -u loa -- $APP/.venv/bin/loa "\$@"
EOF
chmod 0755 "$R/usr/local/bin/loa.new"
mv "$R/usr/local/bin/loa.new" "$R/usr/local/bin/loa"

# -- 8. PostgreSQL: the role loa and its database loa (peer login through the local socket) ------
if ! staged; then
    if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'loa'" | grep -q 1; then
        say "PostgreSQL: tạo vai trò loa"
        runuser -u postgres -- createuser loa
    fi
    if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'loa'" | grep -q 1; then
        say "PostgreSQL: tạo CSDL loa"
        runuser -u postgres -- createdb --owner=loa loa
    fi
    say "CSDL: áp dụng các bản nâng cấp"
    /usr/local/bin/loa db upgrade
fi

# -- 9. Caddy: the public side -------------------------------------------------------------------
upstreams=$(for p in $PORTS; do printf '127.0.0.1:%s ' "$p"; done | sed 's/ $//')
mkdir -p "$R/etc/caddy"
sed -e "s|^loa.example.vn {|$DOMAIN {|" -e "s|^\(\t*\)to 127.0.0.1:8080$|\1to $upstreams|" \
    "$SRC/deploy/Caddyfile" > "$R/etc/caddy/Caddyfile.loa"
if [ -f "$R/etc/caddy/Caddyfile" ] && ! grep -q "in front of Loa" "$R/etc/caddy/Caddyfile"; then
    say "giữ Caddyfile cũ ở /etc/caddy/Caddyfile.before-loa"
    cp -n "$R/etc/caddy/Caddyfile" "$R/etc/caddy/Caddyfile.before-loa"
fi
if cmp -s "$R/etc/caddy/Caddyfile.loa" "$R/etc/caddy/Caddyfile"; then
    rm "$R/etc/caddy/Caddyfile.loa"
else
    say "viết /etc/caddy/Caddyfile cho $DOMAIN → $upstreams"
    system caddy validate --config /etc/caddy/Caddyfile.loa --adapter caddyfile
    chmod 0644 "$R/etc/caddy/Caddyfile.loa"
    mv "$R/etc/caddy/Caddyfile.loa" "$R/etc/caddy/Caddyfile"
    system systemctl enable caddy
    system systemctl reload-or-restart caddy
fi

# -- 10. the units ---------------------------------------------------------------------------------
mkdir -p "$R$UNITS"
for unit in loa.service loa@.service loa-backup.service loa-backup.timer; do
    install -m 0644 "$SRC/deploy/$unit" "$R$UNITS/$unit"
done
if [ "$PROCESSES" = 1 ]; then
    WANTED=(loa.service)
else
    WANTED=()
    for p in $PORTS; do WANTED+=("loa@$p.service"); done
fi
system systemctl daemon-reload
if ! staged; then
    # The units of another layout (one process before, several now, or the reverse) go.
    for link in "$UNITS"/multi-user.target.wants/loa.service "$UNITS"/multi-user.target.wants/loa@*.service; do
        [ -L "$link" ] || continue
        old=$(basename "$link")
        case " ${WANTED[*]} " in *" $old "*) ;; *) say "tắt $old"; systemctl disable --now "$old" ;; esac
    done
fi
system systemctl enable "${WANTED[@]}" loa-backup.timer
system systemctl start loa-backup.timer

if [ -z "$(env_value TELEGRAM_BOT_TOKEN)$(env_value ZALO_BOT_TOKEN)" ]; then
    echo
    say "Chưa có mã bot nào. Điền TELEGRAM_BOT_TOKEN và/hoặc ZALO_BOT_TOKEN vào $ENV_FILE, rồi:"
    say "  systemctl restart ${WANTED[*]}"
else
    # One after the other, each answering again before the next: Caddy always has one.
    for unit in "${WANTED[@]}"; do
        say "khởi động lại $unit"
        system systemctl restart "$unit"
        port=${unit#loa@}; port=${port%.service}; [ "$unit" = loa.service ] && port=8080
        staged || "$PYTHON" - "$port" <<'EOF' || say "$unit chưa trả lời sau 90 giây: xem journalctl -u $unit"
import sys, time, urllib.error, urllib.request
deadline = time.monotonic() + 90
while True:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=5)
        break
    except urllib.error.HTTPError:
        break  # it answers (503 while a worker starts): up
    except OSError:
        if time.monotonic() > deadline:
            sys.exit(1)
        time.sleep(1)
EOF
    done
fi
echo
say "Xong. Nhật ký: journalctl -u ${WANTED[0]} -f · kiểm tra: $PUBLIC/healthz · lệnh: sudo loa --help"
