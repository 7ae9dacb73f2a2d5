#!/usr/bin/env bash
# Runs the desktop E2E inside a throwaway desktop session; `cargo xtask e2e` starts it under
# `dbus-run-session`. Provides: an unlocked Secret Service keychain (gnome-keyring), an X
# server (Xvfb) and tauri-driver; all of them end with this script.
set -euo pipefail
: "${APP:?}" "${SCRATCH:?}" "${DRIVER_PORT:?}"

export HOME="$SCRATCH/home" XDG_RUNTIME_DIR="$SCRATCH/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# The app's own log ends up beside the screenshots: WebKitWebDriver starts the app through
# this wrapper.
cat >"$SCRATCH/app.sh" <<WRAPPER
#!/usr/bin/env bash
exec "$APP" "\$@" >>"$SCRATCH/app.log" 2>&1
WRAPPER
chmod +x "$SCRATCH/app.sh"
export APP="$SCRATCH/app.sh"

printf '%s' "e2e-keyring-password" |
    gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null

display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$SCRATCH/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"

# Desktop notifications: dunst shows them on the X screen; dbus-monitor writes every Notify
# call on this session bus to a file the steps read.
export NOTIFICATIONS="$SCRATCH/notifications.log"
dbus-monitor --session "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" >"$NOTIFICATIONS" 2>&1 &
monitor_pid=$!
dunst >"$SCRATCH/dunst.log" 2>&1 &
dunst_pid=$!

tauri-driver --port "$DRIVER_PORT" --native-port "$((DRIVER_PORT + 1))" >"$SCRATCH/tauri-driver.log" 2>&1 &
driver_pid=$!
trap 'kill "$driver_pid" "$dunst_pid" "$monitor_pid" "$xvfb_pid" 2>/dev/null || true' EXIT

# Ready when the driver answers its status endpoint.
for _ in $(seq 1 300); do
    if node -e "fetch('http://127.0.0.1:$DRIVER_PORT/status').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
        break
    fi
    sleep 0.1
done

node "${E2E_SCRIPT:-e2e.mjs}"
